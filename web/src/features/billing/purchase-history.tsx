import type { Purchase } from '../../api/contracts.js';
import { Badge, type BadgeTone } from '../../components/ui/badge.js';
import { Card } from '../../components/ui/card.js';
import { useTranslation } from '../../i18n/react.js';
import { formatDateTime, formatMoney, formatNumber } from '../../lib/format.js';
import { useBilling } from './use-billing.js';

/** How a purchase stands, in the words the buyer would use. */
function standing(p: Purchase): { key: string; tone: BadgeTone } {
  if (p.disputed) return { key: 'billing.purchase.disputed', tone: 'danger' };
  if (p.refundedAmount >= p.amount) return { key: 'billing.purchase.refunded', tone: 'neutral' };
  if (p.refundedAmount > 0) return { key: 'billing.purchase.partlyRefunded', tone: 'neutral' };
  if (p.status === 'paid') return { key: 'billing.purchase.paid', tone: 'success' };
  return { key: 'billing.purchase.processing', tone: 'progress' };
}

/** The user's purchases, newest first; nothing when there are none. */
export function PurchaseHistory() {
  const { t, i18n } = useTranslation();
  const { data } = useBilling();
  const purchases = data?.purchases ?? [];
  if (purchases.length === 0) return null;
  return (
    <section className="mb-8">
      <h2 className="mb-2 text-lg font-semibold">{t('billing.purchases')}</h2>
      <Card className="px-4 sm:px-5">
        <ul className="divide-y divide-zinc-900/5 dark:divide-white/5" data-testid="purchases">
          {purchases.map((p) => {
            const s = standing(p);
            return (
              <li key={p.id} className="flex items-center gap-3 py-3.5" data-testid="purchase" data-status={p.status}>
                <div className="min-w-0 flex-1">
                  <p className="text-sm font-medium">
                    {t('billing.purchase.title', { credits: formatNumber(p.credits, i18n.language), count: p.credits })}
                  </p>
                  <p className="text-xs text-zinc-500 dark:text-zinc-400">
                    <time dateTime={p.paidAt ?? p.createdAt}>{formatDateTime(p.paidAt ?? p.createdAt, i18n.language)}</time>
                  </p>
                </div>
                <div className="flex flex-col items-end gap-1">
                  <span className="text-sm font-semibold tabular-nums">{formatMoney(p.amount, p.currency, i18n.language)}</span>
                  <Badge tone={s.tone}>{t(s.key)}</Badge>
                </div>
              </li>
            );
          })}
        </ul>
      </Card>
    </section>
  );
}
