import { useEffect, useState } from 'react';
import type { Model, Range } from '../../api/contracts.js';
import { SelectField, TextField } from '../../components/ui/field.js';
import { DiceIcon, LockIcon, UnlockIcon } from '../../components/ui/icons.js';
import { useTranslation } from '../../i18n/react.js';
import { cn } from '../../lib/cn.js';
import { formatNumber } from '../../lib/format.js';
import { parseSeed, randomSeed } from './request-body.js';
import type { CreateDraft, ModelTuning } from './use-create-form.js';

interface Props {
  model: Model;
  draft: CreateDraft;
  hasReferences: boolean;
  onDraft: (patch: Partial<CreateDraft>) => void;
  onTune: (patch: ModelTuning) => void;
}

/** Why a control's value cannot be sent, or null; Create blocks Generate while any is set. */
export function samplingProblems(model: Model, draft: CreateDraft, hasReferences: boolean) {
  const tuning = draft.tuning[model.id] ?? {};
  const outside = (range: Range | null, value: number | undefined) =>
    range !== null && value !== undefined && (value < range.min || value > range.max);
  return {
    seed: model.seed && draft.seed.trim() !== '' && parseSeed(draft.seed) === null,
    steps: outside(model.steps, tuning.steps),
    guidance: outside(model.guidance, tuning.guidance),
    strength: hasReferences && outside(model.strength, tuning.strength),
  };
}

const toNumber = (text: string) => (text.trim() === '' || !Number.isFinite(Number(text)) ? undefined : Number(text));

/**
 * The controls the chosen model takes, and only those: seed (with lock and
 * dice), steps, guidance, img2img strength (with a reference) and sampler.
 * A model without seeds shows no seed field at all.
 */
export function SamplingControls({ model, draft, hasReferences, onDraft, onTune }: Props) {
  const { t, i18n } = useTranslation();
  const tuning = draft.tuning[model.id] ?? {};
  const problems = samplingProblems(model, draft, hasReferences);
  const fmt = (n: number) => formatNumber(n, i18n.language);
  const rangeHint = (range: Range) => t('create.sampling.range', { min: fmt(range.min), max: fmt(range.max), default: fmt(range.default) });
  const rangeError = (range: Range) => t('create.sampling.outside', { min: fmt(range.min), max: fmt(range.max) });

  const numberField = (key: 'steps' | 'guidance' | 'strength', range: Range) => (
    <TextField
      key={key}
      label={t(`create.sampling.${key}`)}
      type="number"
      inputMode="decimal"
      min={range.min}
      max={range.max}
      step={range.step}
      placeholder={fmt(range.default)}
      value={tuning[key] ?? ''}
      onChange={(e) => onTune({ [key]: toNumber(e.target.value) })}
      hint={rangeHint(range)}
      error={problems[key] ? rangeError(range) : null}
      data-testid={`${key}-input`}
    />
  );

  const shown = model.seed || model.steps || model.guidance || (model.strength && hasReferences) || model.samplers.length > 0;
  const chosen = [
    model.seed && draft.seed.trim() && `${t('create.sampling.seed')} ${draft.seed.trim()}`,
    model.steps && tuning.steps !== undefined && `${t('create.sampling.steps')} ${fmt(tuning.steps)}`,
    model.guidance && tuning.guidance !== undefined && `CFG ${fmt(tuning.guidance)}`,
    model.strength && hasReferences && tuning.strength !== undefined && `${t('create.sampling.strength')} ${fmt(tuning.strength)}`,
    model.samplers.length > 0 && tuning.sampler,
  ].filter(Boolean);
  const anyProblem = Object.values(problems).some(Boolean);
  // On a phone the controls fold away until wanted; open wherever something is set or wrong.
  const [open, setOpen] = useState(() => !onPhone() || chosen.length > 0 || anyProblem);
  useEffect(() => {
    if (anyProblem) setOpen(true);
  }, [anyProblem]);
  if (!shown) return null;
  return (
    <details
      open={open}
      onToggle={(e) => setOpen(e.currentTarget.open)}
      className="rounded-xl ring-1 ring-zinc-200 dark:ring-white/10"
      data-testid="sampling-disclosure"
    >
      <summary className="flex cursor-pointer flex-wrap items-baseline gap-x-2 rounded-xl px-3 py-2 text-sm select-none">
        <span className="font-medium text-zinc-800 dark:text-zinc-200">{t('create.sampling.legend')}</span>
        <span className="text-xs text-zinc-600 dark:text-zinc-400" data-testid="sampling-summary">
          {chosen.length > 0 ? chosen.join(' · ') : t('create.sampling.defaults')}
        </span>
      </summary>
      <fieldset className="grid gap-4 px-3 pt-1 pb-3 sm:grid-cols-2" data-testid="sampling-controls">
        <legend className="sr-only">{t('create.sampling.legend')}</legend>
        {model.seed && (
          <TextField
            label={t('create.sampling.seed')}
            inputMode="numeric"
            autoComplete="off"
            placeholder={t('create.sampling.seedRandom')}
            value={draft.seed}
            onChange={(e) => onDraft({ seed: e.target.value })}
            hint={draft.seedLocked ? t('create.sampling.seedLockedHint') : t('create.sampling.seedHint')}
            error={problems.seed ? t('create.sampling.seedInvalid') : null}
            data-testid="seed-input"
            aside={
              <span className="flex items-center gap-1">
                <button
                  type="button"
                  className="rounded-lg p-1 text-zinc-600 hover:bg-zinc-900/5 dark:text-zinc-300 dark:hover:bg-white/10"
                  onClick={() => onDraft({ seed: String(randomSeed()) })}
                  aria-label={t('create.sampling.seedDice')}
                  title={t('create.sampling.seedDice')}
                  data-testid="seed-random"
                >
                  <DiceIcon size={16} />
                </button>
                <button
                  type="button"
                  className={cn(
                    'rounded-lg p-1 hover:bg-zinc-900/5 dark:hover:bg-white/10',
                    draft.seedLocked ? 'text-violet-700 dark:text-violet-300' : 'text-zinc-600 dark:text-zinc-300',
                  )}
                  onClick={() => onDraft({ seedLocked: !draft.seedLocked })}
                  aria-pressed={draft.seedLocked}
                  aria-label={t('create.sampling.seedLock')}
                  title={t('create.sampling.seedLock')}
                  data-testid="seed-lock"
                >
                  {draft.seedLocked ? <LockIcon size={16} /> : <UnlockIcon size={16} />}
                </button>
              </span>
            }
          />
        )}
        {model.steps && numberField('steps', model.steps)}
        {model.guidance && numberField('guidance', model.guidance)}
        {model.strength && hasReferences && numberField('strength', model.strength)}
        {model.samplers.length > 0 && (
          <SelectField
            label={t('create.sampling.sampler')}
            value={tuning.sampler && model.samplers.includes(tuning.sampler) ? tuning.sampler : model.samplers[0]}
            onChange={(e) => onTune({ sampler: e.target.value === model.samplers[0] ? undefined : e.target.value })}
            data-testid="sampler-select"
          >
            {model.samplers.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </SelectField>
        )}
      </fieldset>
    </details>
  );
}

/** Below Tailwind's `sm` breakpoint, where the Create page is one long column. */
const onPhone = () => typeof window !== 'undefined' && window.matchMedia('(max-width: 639px)').matches;
