import { useTranslation } from '../../i18n/react.js';
import { cn } from '../../lib/cn.js';

/**
 * A queue's status filter: one pressed button per status, then "All" (null).
 * `label` names each status in the user's language.
 */
export function StatusFilter<S extends string>({
  statuses,
  value,
  onChange,
  label,
}: {
  statuses: readonly S[];
  value: S | null;
  onChange: (s: S | null) => void;
  label: (s: S) => string;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="mb-4 flex min-w-0 gap-1 overflow-x-auto rounded-xl bg-zinc-900/[0.04] p-1 dark:bg-white/5">
      <legend className="sr-only">{t('admin.filter')}</legend>
      {[...statuses, null].map((f) => (
        <button
          key={f ?? 'all'}
          type="button"
          aria-pressed={value === f}
          onClick={() => onChange(f)}
          className={cn(
            'rounded-lg px-3 py-1.5 text-sm font-medium whitespace-nowrap transition',
            value === f
              ? 'bg-white text-zinc-900 shadow-sm dark:bg-white/10 dark:text-white'
              : 'text-zinc-500 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-white',
          )}
        >
          {f ? label(f) : t('admin.all')}
        </button>
      ))}
    </fieldset>
  );
}
