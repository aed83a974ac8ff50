import { useTranslation } from '../../i18n/react.js';
import { formatNumber } from '../../lib/format.js';

/**
 * Total cost next to the balance: the server's quote (`quoted`, what the
 * submit will debit) once it has answered, else cost × count, so nobody is surprised by a
 * charge. For a model whose run gives several images (Midjourney's grid) the
 * cost is per run, and a line says how many images a run gives.
 */
export function CostSummary({
  costPerImage,
  count,
  quoted = null,
  balance,
  imagesPerTask = 1,
}: {
  costPerImage: number;
  count: number;
  /** POST /api/quote's answer for what is on screen; null while it loads. */
  quoted?: number | null;
  balance: number;
  imagesPerTask?: number;
}) {
  const { t, i18n } = useTranslation();
  const total = quoted ?? costPerImage * count;
  const short = total > balance;
  return (
    <div className="text-sm" aria-live="polite">
      <p className="font-semibold">
        {t('create.total')}{' '}
        <span data-testid="cost" data-quoted={quoted !== null} className="text-accent-gradient text-base font-bold tabular-nums">
          {t('common.credits', { count: total, formatted: formatNumber(total, i18n.language) })}
        </span>
        {count > 1 && (
          <span className="ml-1 text-xs font-normal text-zinc-500 dark:text-zinc-400">
            ({costPerImage} × {count})
          </span>
        )}
      </p>
      {imagesPerTask > 1 && (
        <p data-testid="images-per-run" className="text-xs text-zinc-500 dark:text-zinc-400">
          {t('create.imagesPerRun', { count: imagesPerTask })}
        </p>
      )}
      <p className={short ? 'text-xs font-medium text-rose-600 dark:text-rose-400' : 'text-xs text-zinc-500 dark:text-zinc-400'}>
        {short ? t('create.notEnough', { count: balance }) : t('create.balanceAfter', { balance, after: balance - total })}
      </p>
    </div>
  );
}
