import type { ReactNode } from 'react';
import type { AdminUser } from '../../api/contracts.js';
import { Badge } from '../../components/ui/badge.js';
import { Section } from '../../components/ui/section.js';
import { useTranslation } from '../../i18n/react.js';
import { cn } from '../../lib/cn.js';
import { formatDateTime, formatMoney, formatNumber } from '../../lib/format.js';

/** Ledger kinds in the words the user's own Credits page uses. */
const kindKeys: Record<string, string> = {
  signup_grant: 'credits.kind.signupGrant',
  generation_debit: 'credits.kind.generationDebit',
  generation_refund: 'credits.kind.generationRefund',
  purchase: 'credits.kind.purchase',
  purchase_refund: 'credits.kind.purchaseRefund',
  dispute: 'credits.kind.dispute',
  admin_adjustment: 'credits.kind.adminAdjustment',
  expiry: 'credits.kind.expiry',
};

/** A list of rows that wraps on phones instead of scrolling sideways; `empty` when there is nothing. */
function Rows({ items, empty, testId }: { items: ReactNode[]; empty: string; testId: string }) {
  if (items.length === 0) return <p className="text-sm text-zinc-500 dark:text-zinc-400">{empty}</p>;
  return (
    <ul className="divide-y divide-zinc-900/5 text-sm dark:divide-white/5" data-testid={testId}>
      {items}
    </ul>
  );
}

const row = 'flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 py-2.5';
const muted = 'text-xs text-zinc-500 dark:text-zinc-400';

/** The account's newest ledger entries: what moved, why, and the balance after. */
export function AccountLedger({ user }: { user: AdminUser }) {
  const { t, i18n } = useTranslation();
  const n = (v: number) => formatNumber(v, i18n.language);
  return (
    <Section title={t('console.user.ledger')} description={t('console.user.ledgerHint')}>
      <Rows
        testId="user-ledger"
        empty={t('console.user.none')}
        items={user.ledger.map((e) => (
          <li key={e.id} className={row} data-testid="user-ledger-entry" data-kind={e.kind}>
            <span className="min-w-0">
              <span className="font-medium">
                {kindKeys[e.kind] ? t(kindKeys[e.kind] as string) : t('credits.kind.other', { kind: e.kind })}
              </span>
              <span className={cn('block break-all font-mono', muted)}>{e.reference}</span>
            </span>
            <span className="text-right">
              <span className={cn('font-semibold tabular-nums', e.delta > 0 ? 'text-emerald-700 dark:text-emerald-300' : '')}>
                {e.delta > 0 ? '+' : ''}
                {n(e.delta)}
              </span>
              <span className={cn('block', muted)}>
                {t('console.user.balanceAfter', { balance: n(e.balanceAfter) })} · {formatDateTime(e.createdAt, i18n.language)}
              </span>
            </span>
          </li>
        ))}
      />
    </Section>
  );
}

/** Purchases, sessions and privacy requests: what support asks about. */
export function AccountRecords({ user }: { user: AdminUser }) {
  const { t, i18n } = useTranslation();
  const when = (iso: string) => formatDateTime(iso, i18n.language);
  return (
    <div className="grid gap-6 xl:grid-cols-2">
      <Section title={t('console.user.purchases')}>
        <Rows
          testId="user-purchases"
          empty={t('console.user.none')}
          items={user.purchases.map((p) => (
            <li key={p.id} className={row}>
              <span>
                <span className="font-medium">
                  {t('console.user.purchaseCredits', { credits: formatNumber(p.credits, i18n.language) })}
                </span>
                <span className={cn('block', muted)}>{when(p.createdAt)}</span>
              </span>
              <span className="flex items-center gap-2">
                <span className="tabular-nums">{formatMoney(p.amount, p.currency, i18n.language)}</span>
                <Badge tone={p.status === 'paid' ? 'success' : 'neutral'}>{p.status}</Badge>
              </span>
            </li>
          ))}
        />
      </Section>
      <Section title={t('console.user.sessions')}>
        <Rows
          testId="user-sessions"
          empty={t('console.user.noSessions')}
          items={user.sessions.map((s) => (
            <li key={s.id} className={row}>
              <span className="min-w-0">
                <span className="block break-words">{s.userAgent ?? t('console.user.unknownDevice')}</span>
                <span className={cn('block font-mono', muted)}>{s.ipAddress ?? '—'}</span>
              </span>
              <span className={muted}>{t('console.user.lastUsed', { date: when(s.lastUsedAt) })}</span>
            </li>
          ))}
        />
      </Section>
      <Section title={t('console.user.privacyRequests')}>
        <Rows
          testId="user-privacy-requests"
          empty={t('console.user.none')}
          items={user.privacyRequests.map((r) => (
            <li key={r.id} className={row}>
              <span className="font-medium">{t(`privacyRequest.kinds.${r.type}`)}</span>
              <span className="flex items-center gap-2">
                <Badge>{t(`privacyRequest.status.${r.status}`)}</Badge>
                <span className={muted}>{when(r.createdAt)}</span>
              </span>
            </li>
          ))}
        />
      </Section>
    </div>
  );
}
