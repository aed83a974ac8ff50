import { cn } from '../../lib/cn.js';

interface SegmentedProps<T> {
  /** Read by screen readers as the group's name. */
  legend: string;
  options: { value: T; label: string }[];
  value: T;
  onChange: (value: T) => void;
}

/** A row of toggle buttons, one pressed (a filter such as a status). Scrolls sideways when it does not fit. */
export function Segmented<T extends string | null>({ legend, options, value, onChange }: SegmentedProps<T>) {
  return (
    <fieldset className="mb-4 flex min-w-0 gap-1 overflow-x-auto rounded-xl bg-zinc-900/[0.04] p-1 dark:bg-white/5">
      <legend className="sr-only">{legend}</legend>
      {options.map((o) => (
        <button
          key={o.value ?? 'all'}
          type="button"
          aria-pressed={value === o.value}
          onClick={() => onChange(o.value)}
          className={cn(
            'rounded-lg px-3 py-1.5 text-sm font-medium whitespace-nowrap transition',
            value === o.value
              ? 'bg-white text-zinc-900 shadow-sm dark:bg-white/10 dark:text-white'
              : 'text-zinc-500 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-white',
          )}
        >
          {o.label}
        </button>
      ))}
    </fieldset>
  );
}
