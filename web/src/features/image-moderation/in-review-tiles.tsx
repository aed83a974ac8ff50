import { ClockIcon } from '../../components/ui/icons.js';
import { useTranslation } from '../../i18n/react.js';
import { cn } from '../../lib/cn.js';

/** One placeholder per image the image check is holding: no URL exists for it, so nothing to break. */
export function InReviewTiles({ count, className }: { count: number; className?: string }) {
  const { t } = useTranslation();
  if (count <= 0) return null;
  return (
    <ul className={cn('flex flex-wrap justify-center gap-2', className)} data-testid="in-review" data-count={count}>
      {Array.from({ length: count }, (_, i) => (
        <li
          // biome-ignore lint/suspicious/noArrayIndexKey: the tiles are interchangeable placeholders
          key={i}
          className="flex max-w-56 items-center gap-2 rounded-xl bg-amber-50 px-3 py-2 text-xs text-amber-900 ring-1 ring-amber-200 dark:bg-amber-400/10 dark:text-amber-100 dark:ring-amber-400/20"
          data-testid="in-review-tile"
        >
          <ClockIcon size={16} className="shrink-0" />
          <span>{t('imageModeration.inReview.notice')}</span>
        </li>
      ))}
    </ul>
  );
}

/** The whole stage or tile when every image of a generation is held. */
export function InReviewPlaceholder({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  return (
    <div
      className="flex size-full flex-col items-center justify-center gap-2 bg-amber-50 p-4 text-center dark:bg-amber-400/5"
      role="status"
      data-testid="in-review-placeholder"
    >
      <ClockIcon size={compact ? 24 : 32} className="text-amber-500" />
      <p className={cn('max-w-xs font-medium text-amber-900 dark:text-amber-100', compact ? 'text-xs' : 'text-sm')}>
        {t('imageModeration.inReview.notice')}
      </p>
    </div>
  );
}
