import type { CreditPackView } from '../../api/contracts.js';
import { Button } from '../../components/ui/button.js';
import { Card } from '../../components/ui/card.js';
import { ErrorNotice } from '../../components/ui/error-notice.js';
import { CoinsIcon } from '../../components/ui/icons.js';
import { Notice } from '../../components/ui/notice.js';
import { Skeleton } from '../../components/ui/skeleton.js';
import { useTranslation } from '../../i18n/react.js';
import { formatMoney, formatNumber } from '../../lib/format.js';
import { useBilling, useBuyPack } from './use-billing.js';

/** The packs on sale with a Buy button each (off to Stripe's checkout), or why nothing can be bought here. */
export function BuyCredits() {
  const { t } = useTranslation();
  const { data, isPending, error } = useBilling();
  const buy = useBuyPack();
  if (isPending) return <Skeleton className="h-36" />;
  if (error) return <ErrorNotice error={error} />;
  if (!data.enabled) {
    return (
      <Notice tone="info" title={t('billing.disabled.title')} data-testid="billing-disabled">
        {t('billing.disabled.body')}
      </Notice>
    );
  }
  // While the browser leaves for Stripe the chosen button keeps spinning.
  const leaving = buy.isPending || buy.isSuccess ? buy.variables : undefined;
  return (
    <div>
      <div className="grid gap-3 sm:grid-cols-3" data-testid="packs">
        {data.packs.map((pack) => (
          <PackCard
            key={pack.id}
            pack={pack}
            loading={leaving === pack.id}
            disabled={leaving !== undefined}
            onBuy={() => buy.mutate(pack.id)}
          />
        ))}
      </div>
      <ErrorNotice error={buy.error} className="mt-3" />
      <p className="mt-3 text-xs text-zinc-500 dark:text-zinc-400">{t('billing.stripeNote')}</p>
    </div>
  );
}

function PackCard({ pack, loading, disabled, onBuy }: { pack: CreditPackView; loading: boolean; disabled: boolean; onBuy(): void }) {
  const { t, i18n } = useTranslation();
  const price = formatMoney(pack.price, pack.currency, i18n.language);
  return (
    <Card className="flex items-center gap-3 p-4 sm:flex-col sm:items-stretch sm:gap-0" data-testid="pack" data-pack={pack.id}>
      <span className="grid size-9 shrink-0 place-items-center rounded-xl bg-accent-gradient text-white sm:mb-3">
        <CoinsIcon size={18} />
      </span>
      {/* A row on phones (so the ledger stays in reach), a card from sm up. */}
      <div className="min-w-0 flex-1">
        <p className="text-xl font-black tabular-nums sm:text-2xl">{formatNumber(pack.credits, i18n.language)}</p>
        <p className="text-sm text-zinc-500 dark:text-zinc-400">{t('credits.unit', { count: pack.credits })}</p>
      </div>
      <p className="font-semibold sm:mt-3 sm:text-lg">{price}</p>
      <Button
        className="sm:mt-4"
        onClick={onBuy}
        loading={loading}
        disabled={disabled}
        data-testid={`buy-${pack.id}`}
        aria-label={t('billing.buyLabel', { name: pack.name, price })}
      >
        {t('billing.buy')}
      </Button>
    </Card>
  );
}
