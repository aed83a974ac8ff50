import { cn } from '../../lib/cn.js';

/** A determinate progress bar (0–100) with an accessible name. */
export function ProgressBar({ value, label, className }: { value: number; label: string; className?: string }) {
  const clamped = Math.max(0, Math.min(100, Math.round(value)));
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={clamped}
      className={cn('h-2 overflow-hidden rounded-full bg-zinc-200/80 dark:bg-white/10', className)}
    >
      <div className="h-full rounded-full bg-accent-gradient transition-[width] duration-500 ease-out" style={{ width: `${clamped}%` }} />
    </div>
  );
}
