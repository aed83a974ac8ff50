import type { ReactNode } from 'react';
import { cn } from '../../lib/cn.js';

interface Option<T extends string | number> {
  value: T;
  label: ReactNode;
  testId?: string;
}

interface OptionGroupProps<T extends string | number> {
  legend: ReactNode;
  name: string;
  value: T;
  options: Option<T>[];
  onChange: (value: T) => void;
  className?: string;
  itemClassName?: string;
}

/** A row of radio "chips" (native radios, so arrow keys and screen readers work as usual). */
export function OptionGroup<T extends string | number>({
  legend,
  name,
  value,
  options,
  onChange,
  className,
  itemClassName,
}: OptionGroupProps<T>) {
  return (
    <fieldset className={className}>
      <legend className="mb-1.5 text-sm font-medium text-zinc-800 dark:text-zinc-200">{legend}</legend>
      <div className="flex flex-wrap gap-2">
        {options.map((o) => (
          <label key={String(o.value)} className={cn('relative cursor-pointer', itemClassName)} data-testid={o.testId}>
            <input
              type="radio"
              name={name}
              value={String(o.value)}
              checked={o.value === value}
              onChange={() => onChange(o.value)}
              className="peer sr-only"
            />
            <span
              className={cn(
                'flex h-full items-center justify-center gap-2 rounded-xl px-3 py-2 text-sm font-medium ring-1 transition select-none',
                'bg-white text-zinc-700 ring-zinc-200 hover:ring-zinc-300 dark:bg-white/[0.04] dark:text-zinc-300 dark:ring-white/10 dark:hover:ring-white/20',
                'peer-checked:bg-violet-50 peer-checked:text-violet-800 peer-checked:ring-2 peer-checked:ring-violet-500',
                'dark:peer-checked:bg-violet-500/15 dark:peer-checked:text-white dark:peer-checked:ring-violet-400',
                'peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-violet-500',
              )}
            >
              {o.label}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
