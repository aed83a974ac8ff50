import { cn } from '../../lib/cn.js';

/** The AnimeGen mark and wordmark. */
export function Logo({ className, compact }: { className?: string; compact?: boolean }) {
  return (
    <span className={cn('inline-flex items-center gap-2 font-bold tracking-tight', className)}>
      <svg viewBox="0 0 64 64" className="size-8 shrink-0 drop-shadow-sm" aria-hidden="true">
        <defs>
          <linearGradient id="logo-g" x1="0" y1="0" x2="1" y2="1">
            <stop offset="0" stopColor="#f472b6" />
            <stop offset="1" stopColor="#8b5cf6" />
          </linearGradient>
        </defs>
        <rect width="64" height="64" rx="16" fill="url(#logo-g)" />
        <path d="M32 12c1.6 9.4 6.6 14.4 16 16-9.4 1.6-14.4 6.6-16 16-1.6-9.4-6.6-14.4-16-16 9.4-1.6 14.4-6.6 16-16z" fill="#fff" />
        <circle cx="47" cy="46" r="4" fill="#fff" opacity=".85" />
      </svg>
      {!compact && (
        <span className="text-lg">
          Anime<span className="text-accent-gradient">Gen</span>
        </span>
      )}
    </span>
  );
}
