import type { HTMLAttributes } from 'react';
import { cn } from '../../lib/cn.js';

/** A surface: white glass in light mode, a soft panel in dark mode. */
export function Card({ className, ...rest }: HTMLAttributes<HTMLDivElement>) {
  return (
    <div
      className={cn(
        'rounded-2xl bg-white/80 shadow-sm ring-1 ring-zinc-900/5 backdrop-blur-sm',
        'dark:bg-ink-900/80 dark:shadow-none dark:ring-white/[0.08]',
        className,
      )}
      {...rest}
    />
  );
}
