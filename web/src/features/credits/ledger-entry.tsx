import { Link } from 'react-router';
import type { CreditEntry } from '../../api/contracts.js';
import { AlertIcon, ClockIcon, CoinsIcon, RemixIcon, ShieldIcon, SparklesIcon } from '../../components/ui/icons.js';
import { useTranslation } from '../../i18n/react.js';
import { cn } from '../../lib/cn.js';
import { formatDateTime, formatNumber } from '../../lib/format.js';

/** Plain-language wording per ledger kind. */
const kinds: Record<string, { labelKey: string; icon: typeof CoinsIcon }> = {
  signup_grant: { labelKey: 'credits.kind.signupGrant', icon: SparklesIcon },
  generation_debit: { labelKey: 'credits.kind.generationDebit', icon: CoinsIcon },
  generation_refund: { labelKey: 'credits.kind.generationRefund', icon: RemixIcon },
  purchase: { labelKey: 'credits.kind.purchase', icon: CoinsIcon },
  purchase_refund: { labelKey: 'credits.kind.purchaseRefund', icon: RemixIcon },
  dispute: { labelKey: 'credits.kind.dispute', icon: AlertIcon },
  admin_adjustment: { labelKey: 'credits.kind.adminAdjustment', icon: ShieldIcon },
  expiry: { labelKey: 'credits.kind.expiry', icon: ClockIcon },
};

/** One ledger row: what happened (a link to the generation while it can be opened), when, the change and the balance after. */
export function LedgerEntry({ entry }: { entry: CreditEntry }) {
  const { t, i18n } = useTranslation();
  const kind = kinds[entry.kind];
  const Icon = kind?.icon ?? CoinsIcon;
  const positive = entry.delta > 0;
  const label = kind ? t(kind.labelKey) : t('credits.kind.other', { kind: entry.kind });

  return (
    <li className="flex items-center gap-3 py-3.5" data-testid="ledger-entry" data-kind={entry.kind}>
      <span
        className={cn(
          'grid size-10 shrink-0 place-items-center rounded-xl',
          positive
            ? 'bg-emerald-50 text-emerald-600 dark:bg-emerald-400/10 dark:text-emerald-300'
            : 'bg-violet-50 text-violet-600 dark:bg-violet-400/10 dark:text-violet-300',
        )}
      >
        <Icon size={18} />
      </span>
      <div className="min-w-0 flex-1">
        <p className="line-clamp-2 text-sm font-medium">
          {entry.generationId ? (
            <Link
              to={`/g/${entry.generationId}`}
              data-testid="ledger-generation-link"
              className="hover:text-violet-600 hover:underline dark:hover:text-violet-300"
            >
              {label}
            </Link>
          ) : (
            label
          )}
        </p>
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          <time dateTime={entry.createdAt}>{formatDateTime(entry.createdAt, i18n.language)}</time>
        </p>
      </div>
      <div className="text-right">
        <p
          className={cn(
            'text-sm font-semibold tabular-nums',
            positive ? 'text-emerald-600 dark:text-emerald-400' : 'text-zinc-900 dark:text-zinc-100',
          )}
        >
          {positive ? '+' : '−'}
          {formatNumber(Math.abs(entry.delta), i18n.language)}
        </p>
        <p className="text-xs text-zinc-500 tabular-nums dark:text-zinc-400">
          {t('credits.balanceAfter', { balance: formatNumber(entry.balanceAfter, i18n.language) })}
        </p>
      </div>
    </li>
  );
}
