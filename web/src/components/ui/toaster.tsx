import { cn } from '../../lib/cn.js';
import { dismissToast, type ToastTone, useToasts } from '../../lib/toast.js';
import { AlertIcon, CheckIcon, CloseIcon, InfoIcon } from './icons.js';

const toneStyle: Record<ToastTone, { icon: typeof CheckIcon; ring: string; iconClass: string }> = {
  success: { icon: CheckIcon, ring: 'ring-emerald-500/20', iconClass: 'bg-emerald-500 text-white' },
  error: { icon: AlertIcon, ring: 'ring-rose-500/25', iconClass: 'bg-rose-500 text-white' },
  info: { icon: InfoIcon, ring: 'ring-violet-500/20', iconClass: 'bg-violet-500 text-white' },
};

/** Renders the toast stack; an aria-live region so screen readers hear each one. */
export function Toaster({ closeLabel }: { closeLabel: string }) {
  const toasts = useToasts();
  return (
    <div
      aria-live="polite"
      aria-relevant="additions"
      className="pointer-events-none fixed inset-x-0 bottom-20 z-50 flex flex-col items-center gap-2 px-4 sm:inset-x-auto sm:right-4 sm:bottom-4 sm:items-end"
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
              {t.description && <p className="mt-0.5 truncate text-xs text-zinc-500 dark:text-zinc-400">{t.description}</p>}
            </div>
            <button
              type="button"
              onClick={() => dismissToast(t.id)}
              className="rounded-lg p-1 text-zinc-400 hover:bg-zinc-100 hover:text-zinc-700 dark:hover:bg-white/10 dark:hover:text-zinc-200"
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
