import { errorMessageKey } from '../../api/errors.js';
import { HeartIcon } from '../../components/ui/icons.js';
import { useTranslation } from '../../i18n/react.js';
import { cn } from '../../lib/cn.js';
import { toast } from '../../lib/toast.js';
import { useFavourite } from './use-workspace.js';

/** A heart that marks one image a favourite (a toggle button: `aria-pressed` says which way it is). */
export function FavouriteButton({ imageId, favourite, className }: { imageId: string; favourite: boolean; className?: string }) {
  const { t } = useTranslation();
  const toggle = useFavourite();
  return (
    <button
      type="button"
      aria-pressed={favourite}
      aria-label={t(favourite ? 'workspace.unfavourite' : 'workspace.favourite')}
      title={t(favourite ? 'workspace.unfavourite' : 'workspace.favourite')}
      data-testid="favourite-toggle"
      disabled={toggle.isPending}
      onClick={(e) => {
        e.preventDefault();
        e.stopPropagation();
        toggle.mutate({ imageId, favourite: !favourite }, { onError: (err) => toast.error(t(errorMessageKey(err))) });
      }}
      className={cn(
        'inline-flex size-9 items-center justify-center rounded-full bg-black/45 text-white backdrop-blur transition hover:bg-black/65 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-violet-500 disabled:opacity-60',
        favourite && 'text-rose-400',
        className,
      )}
    >
      <HeartIcon size={18} filled={favourite} />
    </button>
  );
}
