import type { ReactNode } from 'react';
import { cn } from '../../lib/cn.js';
import { AlertIcon, CheckIcon, InfoIcon } from './icons.js';

type Tone = 'info' | 'success' | 'danger' | 'warning';

const tones: Record<Tone, { box: string; icon: ReactNode }> = {
  info: {
    box: 'bg-violet-50 text-violet-900 ring-violet-200 dark:bg-violet-400/10 dark:text-violet-100 dark:ring-violet-400/20',
    icon: <InfoIcon />,
  },
  success: {
    box: 'bg-emerald-50 text-emerald-900 ring-emerald-200 dark:bg-emerald-400/10 dark:text-emerald-100 dark:ring-emerald-400/20',
    icon: <CheckIcon />,
  },
  danger: {
    box: 'bg-rose-50 text-rose-900 ring-rose-200 dark:bg-rose-400/10 dark:text-rose-100 dark:ring-rose-400/25',
    icon: <AlertIcon />,
  },
  warning: {
    box: 'bg-amber-50 text-amber-900 ring-amber-200 dark:bg-amber-400/10 dark:text-amber-100 dark:ring-amber-400/20',
    icon: <AlertIcon />,
  },
};

interface NoticeProps {
  tone?: Tone;
  title?: ReactNode;
  children?: ReactNode;
  action?: ReactNode;
  className?: string;
  role?: 'alert' | 'status';
  'data-testid'?: string;
}

/** An inline message box (errors under a form, confirmations, hints). */
export function Notice({ tone = 'info', title, children, action, className, role, ...rest }: NoticeProps) {
  const t = tones[tone];
  return (
    <div role={role} className={cn('flex gap-3 rounded-xl p-3.5 text-sm ring-1 ring-inset', t.box, className)} {...rest}>
      <span className="mt-0.5 shrink-0 opacity-80">{t.icon}</span>
      <div className="min-w-0 flex-1">
        {title && <p className="font-semibold">{title}</p>}
        {children && <div className={cn(title ? 'mt-0.5 opacity-90' : '')}>{children}</div>}
        {action && <div className="mt-3">{action}</div>}
      </div>
    </div>
  );
}
