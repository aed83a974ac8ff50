import type { Model } from '../../api/contracts.js';
import { CoinsIcon } from '../../components/ui/icons.js';
import { useTranslation } from '../../i18n/react.js';
import { cn } from '../../lib/cn.js';

/** Models as radio cards, each with its credit cost per image. */
export function ModelPicker({ models, value, onChange }: { models: Model[]; value: string; onChange: (id: string) => void }) {
  const { t } = useTranslation();
  return (
    <fieldset>
      <legend className="mb-1.5 text-sm font-medium text-zinc-800 dark:text-zinc-200">{t('create.model')}</legend>
      <div className="grid gap-2 sm:grid-cols-2" data-testid="model-picker">
        {models.map((m) => (
          <label key={m.id} className="relative cursor-pointer" data-testid="model-option">
            <input
              type="radio"
              name="model"
              value={m.id}
              checked={m.id === value}
              onChange={() => onChange(m.id)}
              className="peer sr-only"
            />
            <span
              className={cn(
                'flex h-full items-start justify-between gap-3 rounded-xl p-3 ring-1 transition',
                'bg-white ring-zinc-200 hover:ring-zinc-300 dark:bg-white/[0.04] dark:ring-white/10 dark:hover:ring-white/20',
                'peer-checked:bg-violet-50 peer-checked:ring-2 peer-checked:ring-violet-500 dark:peer-checked:bg-violet-500/15 dark:peer-checked:ring-violet-400',
                'peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-violet-500',
              )}
            >
              <span className="min-w-0">
                <span className="block truncate text-sm font-semibold">{m.name}</span>
                <span className="mt-0.5 block text-xs text-zinc-600 dark:text-zinc-400">
                  {m.requiresReference
                    ? t('create.modelNeedsReference')
                    : m.maxReferences > 0
                      ? t('create.modelTakesReferences')
                      : t('create.modelTextOnly')}
                </span>
              </span>
              <span className="inline-flex shrink-0 items-center gap-1 rounded-full bg-sakura-50 px-2 py-0.5 text-xs font-semibold text-sakura-700 dark:bg-sakura-400/10 dark:text-sakura-300">
                <CoinsIcon size={12} />
                {t('create.costPerImage', { count: m.cost })}
              </span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
