import type { ReactNode } from 'react';
import { cn } from '../../lib/cn.js';

interface EmptyStateProps {
  icon: ReactNode;
  title: string;
  description?: string;
  action?: ReactNode;
  className?: string;
}

/** What a list shows when it has nothing yet, with a call to action. */
export function EmptyState({ icon, title, description, action, className }: EmptyStateProps) {
  return (
    <div
      className={cn(
        'flex flex-col items-center justify-center rounded-2xl border border-dashed border-zinc-300 px-6 py-14 text-center',
        'dark:border-white/10',
        className,
      )}
    >
      <div className="mb-4 grid size-14 place-items-center rounded-2xl bg-accent-gradient text-white shadow-lg shadow-sakura-500/20">
        {icon}
      </div>
      <h2 className="text-lg font-semibold">{title}</h2>
      {description && <p className="mt-1 max-w-sm text-sm text-zinc-500 dark:text-zinc-400">{description}</p>}
      {action && <div className="mt-5">{action}</div>}
    </div>
  );
}
