import { cn } from '../../lib/cn.js';

/** A pulsing placeholder block with the size of what will load. */
export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden="true" className={cn('animate-pulse rounded-xl bg-zinc-200/80 dark:bg-white/[0.06]', className)} />;
}

/** A whole-page placeholder used while a screen or the session loads. */
export function PageSkeleton() {
  return (
    <div className="mx-auto w-full max-w-6xl space-y-6 px-4 py-8 sm:px-6" aria-busy="true">
      <Skeleton className="h-9 w-56" />
      <Skeleton className="h-4 w-80 max-w-full" />
      <SkeletonGrid />
    </div>
  );
}

/** Four square placeholders in the gallery's grid. */
export function SkeletonGrid({ className }: { className?: string }) {
  return (
    <div className={cn('grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-4', className)}>
      {['a', 'b', 'c', 'd'].map((k) => (
        <Skeleton key={k} className="aspect-square" />
      ))}
    </div>
  );
}
