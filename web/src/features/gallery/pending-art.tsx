import type { GenerationStatus } from '../../api/contracts.js';
import { SparklesIcon } from '../../components/ui/icons.js';
import { useTranslation } from '../../i18n/react.js';
import { cn } from '../../lib/cn.js';

/** The shimmering placeholder shown while a generation is queued or running. */
export function PendingArt({ status, className }: { status: GenerationStatus; className?: string }) {
  const { t } = useTranslation();
  return (
    <div
      className={cn(
        'relative flex size-full flex-col items-center justify-center gap-2 overflow-hidden bg-gradient-to-br from-sakura-100 via-violet-100 to-indigo-100',
        'dark:from-sakura-500/15 dark:via-violet-500/15 dark:to-indigo-500/15',
        className,
      )}
    >
      <div className="shimmer absolute inset-0 motion-safe:animate-shimmer" aria-hidden="true" />
      <SparklesIcon size={28} className="relative text-violet-500 motion-safe:animate-pulse dark:text-violet-300" />
      <span className="relative text-xs font-medium text-violet-700 dark:text-violet-200">
        {status === 'queued' ? t('gallery.waiting') : t('gallery.painting')}
      </span>
    </div>
  );
}
