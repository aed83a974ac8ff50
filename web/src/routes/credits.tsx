import { Link } from 'react-router';
import { Button, buttonClass } from '../components/ui/button.js';
import { Card } from '../components/ui/card.js';
import { EmptyState } from '../components/ui/empty-state.js';
import { ErrorNotice } from '../components/ui/error-notice.js';
import { CoinsIcon, SparklesIcon } from '../components/ui/icons.js';
import { Notice } from '../components/ui/notice.js';
import { PageHeader } from '../components/ui/page-header.js';
import { Skeleton } from '../components/ui/skeleton.js';
import { SignupGrantNotice } from '../features/auth/signup-grant-notice.js';
import { BuyCredits } from '../features/billing/buy-credits.js';
import { PurchaseHistory } from '../features/billing/purchase-history.js';
import { useCheckoutReturn } from '../features/billing/use-billing.js';
import { useModels } from '../features/create/use-models.js';
import { LedgerEntry } from '../features/credits/ledger-entry.js';
import { useCredits } from '../features/credits/use-credits.js';
import { useMe } from '../features/session/use-session.js';
import { useTranslation } from '../i18n/react.js';
import { formatNumber } from '../lib/format.js';
import { useDocumentTitle } from '../lib/use-document-title.js';

/** /credits – the balance, buying credit packs, purchases, and every movement of credits. */
export default function CreditsRoute() {
  const { t, i18n } = useTranslation();
  const confirming = useCheckoutReturn();
  const { data: me } = useMe();
  const { data, isPending, error, hasNextPage, fetchNextPage, isFetchingNextPage } = useCredits();
  useDocumentTitle(t('nav.credits'));
  const balance = me?.credits ?? data?.pages[0]?.balance ?? 0;
  const entries = data?.pages.flatMap((p) => p.entries) ?? [];
  const { data: catalog } = useModels();
  const costs = catalog?.models.map((m) => m.cost) ?? [];
  // Below the cheapest model nothing can be created: point at the packs instead.
  const tooLow = costs.length > 0 && balance < Math.min(...costs);

  return (
    <div className="mx-auto max-w-3xl px-4 py-8 sm:px-6">
      <PageHeader title={t('credits.title')} description={t('credits.subtitle')} />
      <Card className="relative mb-6 overflow-hidden p-6">
        <div className="absolute -top-16 -right-16 size-48 rounded-full bg-accent-gradient opacity-20 blur-2xl" aria-hidden="true" />
        <p className="text-sm font-medium text-zinc-500 dark:text-zinc-400">{t('credits.balance')}</p>
        <p className="mt-1 flex items-baseline gap-2">
          <span className="text-accent-gradient text-5xl font-black tabular-nums" data-testid="credits-balance">
            {formatNumber(balance, i18n.language)}
          </span>
          <span className="text-sm text-zinc-500 dark:text-zinc-400">{t('credits.unit', { count: balance })}</span>
        </p>
        {tooLow ? (
          <a href="#buy" className={buttonClass('primary', 'md', 'mt-5')} data-testid="credits-cta" data-cta="buy">
            <CoinsIcon size={18} />
            {t('credits.buy')}
          </a>
        ) : (
          <Link to="/create" className={buttonClass('primary', 'md', 'mt-5')} data-testid="credits-cta" data-cta="create">
            <SparklesIcon size={18} />
            {t('credits.spend')}
          </Link>
        )}
      </Card>

      <SignupGrantNotice outcome={me?.signupGrant} className="mb-6" />
      {confirming.isPending && (
        <Notice tone="info" role="status" className="mb-6" data-testid="checkout-confirming">
          {t('billing.return.confirming')}
        </Notice>
      )}
      <section id="buy" className="mb-8 scroll-mt-20" aria-labelledby="buy-heading">
        <h2 id="buy-heading" className="mb-2 text-lg font-semibold">
          {t('billing.buyTitle')}
        </h2>
        <BuyCredits />
      </section>
      <PurchaseHistory />

      <h2 className="mb-2 text-lg font-semibold">{t('credits.history')}</h2>
      {isPending ? (
        <div className="space-y-3">
          <Skeleton className="h-14" />
          <Skeleton className="h-14" />
          <Skeleton className="h-14" />
        </div>
      ) : error ? (
        <ErrorNotice error={error} />
      ) : entries.length === 0 ? (
        <EmptyState icon={<CoinsIcon size={26} />} title={t('credits.emptyTitle')} description={t('credits.emptyBody')} />
      ) : (
        <Card className="px-4 sm:px-5">
          <ul className="divide-y divide-zinc-900/5 dark:divide-white/5" data-testid="ledger">
            {entries.map((e) => (
              <LedgerEntry key={e.id} entry={e} />
            ))}
          </ul>
        </Card>
      )}
      {hasNextPage && (
        <div className="mt-4 flex justify-center">
          <Button variant="secondary" onClick={() => void fetchNextPage()} loading={isFetchingNextPage}>
            {t('gallery.loadMore')}
          </Button>
        </div>
      )}
    </div>
  );
}
