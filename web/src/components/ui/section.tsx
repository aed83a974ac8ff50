import type { ReactNode } from 'react';
import { cn } from '../../lib/cn.js';
import { Card } from './card.js';

interface SectionProps {
  /** The anchor id, so a section can be linked to (/settings#security). */
  id?: string;
  title: string;
  description?: ReactNode;
  icon?: ReactNode;
  /** Red accents for irreversible actions. */
  danger?: boolean;
  actions?: ReactNode;
  children: ReactNode;
  'data-testid'?: string;
}

/** A titled card holding one group of settings or one list. */
export function Section({ id, title, description, icon, danger, actions, children, ...rest }: SectionProps) {
  return (
    <Card
      id={id}
      className={cn('scroll-mt-24 p-5 sm:p-6', danger && 'ring-rose-200 dark:ring-rose-400/20')}
      aria-labelledby={id ? `${id}-title` : undefined}
      {...rest}
    >
      <div className="flex items-start gap-3">
        {icon && (
          <span
            className={cn(
              'grid size-9 shrink-0 place-items-center rounded-xl',
              danger
                ? 'bg-rose-50 text-rose-600 dark:bg-rose-400/10 dark:text-rose-300'
                : 'bg-violet-50 text-violet-600 dark:bg-violet-400/10 dark:text-violet-300',
            )}
          >
            {icon}
          </span>
        )}
        <div className="min-w-0 flex-1">
          <h2 id={id ? `${id}-title` : undefined} className={cn('font-semibold', danger && 'text-rose-700 dark:text-rose-300')}>
            {title}
          </h2>
          {description && <div className="mt-0.5 text-sm text-zinc-500 dark:text-zinc-400">{description}</div>}
        </div>
        {actions && <div className="flex shrink-0 items-center gap-2">{actions}</div>}
      </div>
      <div className="mt-5">{children}</div>
    </Card>
  );
}
