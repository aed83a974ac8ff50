import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CreditEntry } from '../../api/contracts.js';
import { AlertIcon, ClockIcon, CoinsIcon, RemixIcon, ShieldIcon, SparklesIcon } from '../../components/ui/icons.js';
import { cn } from '../../lib/cn.js';
import { formatDateTime, formatNumber } from '../../lib/format.js';

/** Plain-language wording per ledger kind; generation entries link to the generation. */
const kinds: Record<string, { labelKey: string; icon: typeof CoinsIcon; linksToGeneration: boolean }> = {
  signup_grant: { labelKey: 'credits.kind.signupGrant', icon: SparklesIcon, linksToGeneration: false },
  generation_debit: { labelKey: 'credits.kind.generationDebit', icon: CoinsIcon, linksToGeneration: true },
  generation_refund: { labelKey: 'credits.kind.generationRefund', icon: RemixIcon, linksToGeneration: true },
  purchase: { labelKey: 'credits.kind.purchase', icon: CoinsIcon, linksToGeneration: false },
  purchase_refund: { labelKey: 'credits.kind.purchaseRefund', icon: RemixIcon, linksToGeneration: false },
  dispute: { labelKey: 'credits.kind.dispute', icon: AlertIcon, linksToGeneration: false },
  admin_adjustment: { labelKey: 'credits.kind.adminAdjustment', icon: ShieldIcon, linksToGeneration: false },
  expiry: { labelKey: 'credits.kind.expiry', icon: ClockIcon, linksToGeneration: false },
};

/** One ledger row: what happened, when, the change and the balance after. */
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
          {kind?.linksToGeneration && entry.reference ? (
            <Link to={`/g/${entry.reference}`} className="hover:text-violet-600 hover:underline dark:hover:text-violet-300">
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
