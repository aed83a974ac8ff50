import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { AdminUserImage } from '../api/contracts.js';
import { Card } from '../components/ui/card.js';
import { ArrowLeftIcon } from '../components/ui/icons.js';
import { Notice } from '../components/ui/notice.js';
import { Section } from '../components/ui/section.js';
import { Skeleton } from '../components/ui/skeleton.js';
import { AccountActions } from '../features/admin/account-actions.js';
import { AccountBadges } from '../features/admin/account-badges.js';
import { AccountLedger, AccountRecords } from '../features/admin/account-details.js';
import { AccountImages } from '../features/admin/account-images.js';
import { ConsoleLoadError } from '../features/admin/two-factor-required.js';
import { useAdminUser } from '../features/admin/use-console.js';
import { useOperator } from '../features/admin/use-operator.js';
import { useTranslation } from '../i18n/react.js';
import { formatDate, formatDateTime, formatNumber } from '../lib/format.js';
import { useDocumentTitle } from '../lib/use-document-title.js';
import NotFoundRoute from './not-found.js';

/** /admin/users/:id – one account: profile, status, balance and ledger, purchases, sessions, strikes, requests, and the actions. */
export default function AdminUserRoute() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const { me, allowed } = useOperator('users.read');
  const { data: u, isPending, error, refetch } = useAdminUser(id);
  // Shown only after a stated reason, and forgotten when the operator leaves the page.
  const [images, setImages] = useState<AdminUserImage[] | null>(null);
  useDocumentTitle(u ? u.email : t('console.users.title'));
  if (!allowed || !me) return <NotFoundRoute />;
  const n = (v: number) => formatNumber(v, i18n.language);

  return (
    <div className="space-y-6">
      <Link
        to="/admin/users"
        className="inline-flex items-center gap-1.5 text-sm font-medium text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-white"
      >
        <ArrowLeftIcon size={16} />
        {t('console.user.back')}
      </Link>
      {isPending ? (
        <Skeleton className="h-64" />
      ) : error ? (
        <ConsoleLoadError error={error} onRetry={refetch} />
      ) : (
        <>
          <div className="min-w-0">
            <h1 className="truncate text-2xl font-bold tracking-tight sm:text-3xl" data-testid="user-name">
              {u.name || u.email}
            </h1>
            <p className="mt-1 break-all text-sm text-zinc-600 dark:text-zinc-400" data-testid="user-email">
              {u.email}
            </p>
            <p className="mt-0.5 break-all font-mono text-xs text-zinc-500 dark:text-zinc-400">{u.id}</p>
            <div className="mt-3">
              <AccountBadges user={u} />
            </div>
          </div>

          {u.suspendedAt && (
            <Notice
              tone="danger"
              title={t('console.user.suspendedSince', { date: formatDateTime(u.suspendedAt, i18n.language) })}
              data-testid="user-suspension"
            >
              {u.suspensionReason ?? t('console.user.noReason')}
            </Notice>
          )}

          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
            <Fact label={t('console.user.balance')} value={n(u.balance)} testId="user-balance" />
            <Fact
              label={t('console.user.generations')}
              value={n(u.generations.total)}
              detail={t('console.user.failed', { count: u.generations.failed, value: n(u.generations.failed) })}
            />
            <Fact
              label={t('console.user.strikes')}
              value={n(u.strikes.recent)}
              detail={t('console.user.strikesTotal', { value: n(u.strikes.total) })}
              testId="user-strikes"
            />
            <Fact
              label={t('console.user.joined')}
              value={formatDate(u.createdAt, i18n.language)}
              detail={[
                t(u.twoFactorEnabled ? 'console.user.twoFactorOn' : 'console.user.twoFactorOff'),
                t(u.matureContentAt ? 'console.user.matureOn' : 'console.user.matureOff'),
                u.locale,
              ].join(' · ')}
            />
          </dl>

          <Section title={t('console.user.actions')} description={t('console.user.actionsHint')}>
            <AccountActions user={u} role={me.role} onImages={setImages} />
          </Section>

          {images && <AccountImages images={images} onHide={() => setImages(null)} />}

          <AccountLedger user={u} />
          <AccountRecords user={u} />
        </>
      )}
    </div>
  );
}

function Fact({ label, value, detail, testId }: { label: string; value: string; detail?: string; testId?: string }) {
  return (
    <Card className="p-4">
      <dt className="text-sm font-medium text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd className="mt-1 text-2xl font-bold tabular-nums" data-testid={testId}>
        {value}
      </dd>
      {detail && <dd className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">{detail}</dd>}
    </Card>
  );
}
