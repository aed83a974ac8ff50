import type { HTMLAttributes, ReactNode } from 'react';
import { cn } from '../../lib/cn.js';

const tones = {
  violet: {
    bar: 'border-violet-200/70 bg-violet-50 text-violet-950 dark:bg-violet-500/10 dark:text-violet-100',
    icon: 'text-violet-600 dark:text-violet-300',
  },
  rose: {
    bar: 'border-rose-200/70 bg-rose-50 text-rose-950 dark:bg-rose-500/10 dark:text-rose-100',
    icon: 'text-rose-600 dark:text-rose-300',
  },
};

/** A full-width notice under the header that asks for one action (a button on the right). */
export function ActionBanner({
  tone,
  icon,
  action,
  children,
  className,
  ...rest
}: { tone: keyof typeof tones; icon: ReactNode; action: ReactNode } & HTMLAttributes<HTMLDivElement>) {
  return (
    <div className={cn('border-b dark:border-white/5', tones[tone].bar, className)} {...rest}>
      <div className="mx-auto flex max-w-6xl flex-col gap-2 px-4 py-2.5 text-sm sm:flex-row sm:items-center sm:gap-3 sm:px-6">
        <p className="flex flex-1 items-start gap-2">
          <span className={cn('mt-0.5 shrink-0', tones[tone].icon)}>{icon}</span>
          <span>{children}</span>
        </p>
        <div className="self-end sm:self-auto">{action}</div>
      </div>
    </div>
  );
}
