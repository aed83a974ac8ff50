import { cn } from '../../lib/cn.js';
import { EyeOffIcon } from './icons.js';

/**
 * Classes for an image kept hidden: blurred far past recognition (and scaled a
 * little so the blur does not fade the edges into the background).
 */
export const hiddenImageClass = 'scale-110 blur-[48px] saturate-50';

/**
 * The button laid over a hidden image: a click, a tap, Enter or Space shows
 * it. Place it in a `relative` box after the image (it paints over what comes
 * before it), never inside a link or another button.
 */
export function MatureCover({
  label,
  onReveal,
  compact = false,
  className,
  'data-testid': testId = 'mature-cover',
}: {
  /** The visible text and accessible name, e.g. "Mature — click to show". */
  label: string;
  onReveal: () => void;
  /** A small tile: the icon and a shorter line. */
  compact?: boolean;
  className?: string;
  'data-testid'?: string;
}) {
  return (
    <button
      type="button"
      onClick={(e) => {
        // A cover inside a clickable card reveals only; the card's own action waits for the next click.
        e.preventDefault();
        e.stopPropagation();
        onReveal();
      }}
      data-testid={testId}
      className={cn(
        'absolute inset-0 flex cursor-pointer flex-col items-center justify-center gap-2 bg-black/25 p-3 text-center text-white',
        'focus-visible:outline-2 focus-visible:outline-offset-[-4px] focus-visible:outline-white',
        className,
      )}
    >
      <span
        className={cn(
          'inline-flex items-center gap-1.5 rounded-full bg-black/60 font-semibold shadow-sm backdrop-blur',
          compact ? 'px-2.5 py-1 text-xs' : 'px-3.5 py-1.5 text-sm',
        )}
      >
        <EyeOffIcon size={compact ? 14 : 16} />
        {label}
      </span>
    </button>
  );
}
