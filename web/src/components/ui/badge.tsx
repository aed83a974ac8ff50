import type { ReactNode } from 'react';
import { cn } from '../../lib/cn.js';

export type BadgeTone = 'neutral' | 'info' | 'progress' | 'success' | 'danger' | 'accent';

const tones: Record<BadgeTone, string> = {
  neutral: 'bg-zinc-100 text-zinc-700 ring-zinc-200 dark:bg-white/10 dark:text-zinc-200 dark:ring-white/10',
  info: 'bg-sky-50 text-sky-700 ring-sky-200 dark:bg-sky-400/10 dark:text-sky-300 dark:ring-sky-400/20',
  progress: 'bg-violet-50 text-violet-700 ring-violet-200 dark:bg-violet-400/10 dark:text-violet-300 dark:ring-violet-400/25',
  success: 'bg-emerald-50 text-emerald-700 ring-emerald-200 dark:bg-emerald-400/10 dark:text-emerald-300 dark:ring-emerald-400/20',
  danger: 'bg-rose-50 text-rose-700 ring-rose-200 dark:bg-rose-400/10 dark:text-rose-300 dark:ring-rose-400/25',
  accent: 'bg-sakura-50 text-sakura-700 ring-sakura-200 dark:bg-sakura-400/10 dark:text-sakura-300 dark:ring-sakura-400/25',
};

/** Opaque tones for badges drawn on top of images. */
const solidTones: Record<BadgeTone, string> = {
  neutral: 'bg-zinc-800/85 text-white ring-white/10',
  info: 'bg-sky-600/90 text-white ring-white/20',
  progress: 'bg-violet-600/90 text-white ring-white/20',
  success: 'bg-emerald-600/90 text-white ring-white/20',
  danger: 'bg-rose-600/90 text-white ring-white/20',
  accent: 'bg-sakura-600/90 text-white ring-white/20',
};

interface BadgeProps {
  tone?: BadgeTone;
  children: ReactNode;
  className?: string;
  dot?: boolean;
  pulse?: boolean;
  /** Opaque colours, for badges over images. */
  solid?: boolean;
  'data-testid'?: string;
  'data-status'?: string;
}

/** A small rounded label, optionally with a (pulsing) status dot. */
export function Badge({ tone = 'neutral', children, className, dot, pulse, solid, ...rest }: BadgeProps) {
  return (
    <span
      className={cn(
        'inline-flex items-center gap-1.5 rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ring-inset',
        solid ? solidTones[tone] : tones[tone],
        className,
      )}
      {...rest}
    >
      {dot && (
        <span className="relative flex size-1.5" aria-hidden="true">
          {pulse && <span className="absolute inline-flex size-full animate-ping rounded-full bg-current opacity-60" />}
          <span className="relative inline-flex size-1.5 rounded-full bg-current" />
        </span>
      )}
      {children}
    </span>
  );
}
