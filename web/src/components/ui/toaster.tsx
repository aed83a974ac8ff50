import { type RefObject, useLayoutEffect, useRef, useState } from 'react';
import { cn } from '../../lib/cn.js';
import { dismissToast, type Toast, type ToastTone, useToasts } from '../../lib/toast.js';
import { AlertIcon, CheckIcon, CloseIcon, InfoIcon } from './icons.js';

const toneStyle: Record<ToastTone, { icon: typeof CheckIcon; ring: string; iconClass: string }> = {
  success: { icon: CheckIcon, ring: 'ring-emerald-500/20', iconClass: 'bg-emerald-500 text-white' },
  error: { icon: AlertIcon, ring: 'ring-rose-500/25', iconClass: 'bg-rose-500 text-white' },
  info: { icon: InfoIcon, ring: 'ring-violet-500/20', iconClass: 'bg-violet-500 text-white' },
};

const GAP = 8;
const CONTROLS = 'a[href], button, input, select, textarea, summary, [role="button"], [tabindex]:not([tabindex="-1"])';

type Align = 'center' | 'end' | 'start';
interface Spot {
  top: number;
  align: Align;
}
const alignClass: Record<Align, string> = { center: 'items-center', end: 'items-end', start: 'items-start' };
/** The stack's side padding (px-4). */
const INSET = 16;

/**
 * Where the stack may sit: just under the sticky header, or just above the
 * bottom edge (above the phone tab bar); centred, else at the right, else at
 * the left. Returns the first spot that covers no visible control, so a toast
 * never hides the button the user just pressed (or any other); when every
 * spot would, the one covering fewest.
 */
function clearSpot(stack: HTMLElement): Spot {
  const items = [...stack.children].map((c) => c.getBoundingClientRect());
  if (!items.length) return { top: 0, align: 'center' };
  const width = Math.max(...items.map((r) => r.width));
  const height = stack.getBoundingClientRect().height;
  const viewport = document.documentElement.clientWidth;
  const header = document.querySelector('header')?.getBoundingClientRect().bottom ?? 0;
  const tabBar = document.querySelector('[data-testid="tab-bar"]')?.getBoundingClientRect();
  const floor = tabBar && tabBar.height > 0 ? tabBar.top : window.innerHeight;
  const tops = [Math.max(header, 0) + GAP, floor - GAP - height];
  const lefts: Record<Align, number> = { center: (viewport - width) / 2, end: viewport - INSET - width, start: INSET };
  const controls = [...document.querySelectorAll(CONTROLS)]
    .filter((el) => !stack.contains(el) && el.getClientRects().length > 0)
    .map((el) => el.getBoundingClientRect());
  const covered = ({ top, align }: Spot) => {
    const left = lefts[align];
    return controls.filter((r) => r.right > left && r.left < left + width && r.bottom > top && r.top < top + height && r.width > 0).length;
  };
  const spots = (['center', 'end', 'start'] as const).flatMap((align) => tops.map((top) => ({ top, align })));
  const scored = spots.map((spot) => ({ spot, covered: covered(spot) }));
  const free = scored.find((s) => s.covered === 0);
  return (free ?? scored.reduce((a, b) => (b.covered < a.covered ? b : a))).spot;
}

/** Keeps the stack on a spot free of controls while toasts show, as the page scrolls or resizes. */
function useClearSpot(stack: RefObject<HTMLDivElement | null>, toasts: Toast[]): Spot | undefined {
  const [spot, setSpot] = useState<Spot>();
  useLayoutEffect(() => {
    const el = stack.current;
    if (!el || toasts.length === 0) return;
    let frame = 0;
    const place = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => setSpot(clearSpot(el)));
    };
    setSpot(clearSpot(el));
    window.addEventListener('scroll', place, { passive: true });
    window.addEventListener('resize', place);
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('scroll', place);
      window.removeEventListener('resize', place);
    };
  }, [stack, toasts]);
  return spot;
}

/** Renders the toast stack; an aria-live region so screen readers hear each one. */
export function Toaster({ closeLabel }: { closeLabel: string }) {
  const toasts = useToasts();
  const stack = useRef<HTMLDivElement>(null);
  const spot = useClearSpot(stack, toasts);
  return (
    <div
      ref={stack}
      aria-live="polite"
      aria-relevant="additions"
      data-testid="toaster"
      style={{ top: spot?.top }}
      // Only the toasts themselves take taps; the page around them stays usable.
      className={cn('pointer-events-none fixed inset-x-0 top-20 z-50 flex flex-col gap-2 px-4', alignClass[spot?.align ?? 'center'])}
    >
      {toasts.map((t) => {
        const style = toneStyle[t.tone];
        const Icon = style.icon;
        return (
          <div
            key={t.id}
            data-testid={`toast-${t.tone}`}
            className={cn(
              'pointer-events-auto flex w-full max-w-sm animate-toast-in items-start gap-3 rounded-2xl bg-white/95 p-3.5 shadow-xl ring-1 backdrop-blur',
              'dark:bg-ink-850/95',
              style.ring,
            )}
          >
            <span className={cn('grid size-6 shrink-0 place-items-center rounded-full', style.iconClass)}>
              <Icon size={14} />
            </span>
            <div className="min-w-0 flex-1 pt-0.5">
              <p className="text-sm font-semibold">{t.message}</p>
              {t.description && <p className="mt-0.5 truncate text-xs text-zinc-600 dark:text-zinc-400">{t.description}</p>}
            </div>
            <button
              type="button"
              onClick={() => dismissToast(t.id)}
              className="rounded-lg p-1 text-zinc-500 hover:bg-zinc-100 hover:text-zinc-700 dark:text-zinc-400 dark:hover:bg-white/10 dark:hover:text-zinc-200"
              aria-label={closeLabel}
            >
              <CloseIcon size={16} />
            </button>
          </div>
        );
      })}
    </div>
  );
}
