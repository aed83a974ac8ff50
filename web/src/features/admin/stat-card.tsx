import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Card } from '../../components/ui/card.js';
import { cn } from '../../lib/cn.js';

interface StatCardProps {
  label: string;
  value: string;
  /** A second line: the longer period, or what the number means. */
  detail?: ReactNode;
  /** Drawn in red: a figure that needs attention. */
  warn?: boolean;
  /** Where to act on it, when the operator's role may. */
  to?: string;
  testId: string;
}

/** One figure on the console's dashboard. */
export function StatCard({ label, value, detail, warn, to, testId }: StatCardProps) {
  const body = (
    <>
      <p className="text-sm font-medium text-zinc-500 dark:text-zinc-400">{label}</p>
      <p className={cn('mt-1 text-3xl font-bold tabular-nums', warn && 'text-rose-600 dark:text-rose-400')} data-testid={`${testId}-value`}>
        {value}
      </p>
      {detail && <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">{detail}</p>}
    </>
  );
  return (
    <Card className={cn('p-4', warn && 'ring-rose-200 dark:ring-rose-400/25')} data-testid={testId}>
      {to ? (
        <Link to={to} className="block rounded-lg focus-visible:outline-2 focus-visible:outline-offset-4 focus-visible:outline-violet-500">
          {body}
        </Link>
      ) : (
        body
      )}
    </Card>
  );
}
