import { useTranslation } from '../../i18n/react.js';
import { formatNumber } from '../../lib/format.js';

/** Total cost (cost × count) next to the balance, so nobody is surprised by a charge. */
export function CostSummary({ costPerImage, count, balance }: { costPerImage: number; count: number; balance: number }) {
  const { t, i18n } = useTranslation();
  const total = costPerImage * count;
  const short = total > balance;
  return (
    <div className="text-sm" aria-live="polite">
      <p className="font-semibold">
        {t('create.total')}{' '}
        <span data-testid="cost" className="text-accent-gradient text-base font-bold tabular-nums">
          {t('common.credits', { count: total, formatted: formatNumber(total, i18n.language) })}
        </span>
        {count > 1 && (
          <span className="ml-1 text-xs font-normal text-zinc-500 dark:text-zinc-400">
            ({costPerImage} × {count})
          </span>
        )}
      </p>
      <p className={short ? 'text-xs font-medium text-rose-600 dark:text-rose-400' : 'text-xs text-zinc-500 dark:text-zinc-400'}>
        {short ? t('create.notEnough', { count: balance }) : t('create.balanceAfter', { balance, after: balance - total })}
      </p>
    </div>
  );
}
