import type { ReactNode } from 'react';
import { Card } from '../../components/ui/card.js';

/** The centred card every sign-in, sign-up and password screen sits in. */
export function AuthCard({
  title,
  subtitle,
  children,
  footer,
  after,
}: {
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
  /** Below everything: for what arrives after hydration (the sign-in providers), which then moves nothing above it. */
  after?: ReactNode;
}) {
  return (
    <div className="mx-auto flex w-full max-w-md flex-col px-4 pt-10 pb-16 sm:pt-16">
      <Card className="p-6 sm:p-8">
        <h1 className="text-2xl font-bold tracking-tight">{title}</h1>
        {subtitle && <p className="mt-1.5 text-sm text-zinc-500 dark:text-zinc-400">{subtitle}</p>}
        <div className="mt-6">{children}</div>
      </Card>
      {footer && <div className="mt-6 text-center text-sm text-zinc-500 dark:text-zinc-400">{footer}</div>}
      {after}
    </div>
  );
}
