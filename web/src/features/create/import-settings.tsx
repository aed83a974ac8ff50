import { useRef } from 'react';
import type { Model, Range } from '../../api/contracts.js';
import { Button } from '../../components/ui/button.js';
import { Notice } from '../../components/ui/notice.js';
import { useTranslation } from '../../i18n/react.js';
import { type ImageSettings, readImageSettings } from './image-settings.js';
import { parseSeed } from './request-body.js';
import type { CreateDraft, ModelTuning } from './use-create-form.js';

/** What reading an image gave: the fields it filled, and what the chosen model or Create cannot use. */
export interface ImportResult {
  source: ImageSettings['source'] | null;
  filled: string[];
  unused: string[];
}

/**
 * Turns settings read from an image into a change of the form: the model
 * when it is one of ours (by id or name), the ratio when that model makes it;
 * whatever is left is named, not dropped silently.
 */
export function applyImageSettings(
  s: ImageSettings,
  models: Model[],
  current: Model,
  tuning: CreateDraft['tuning'] = {},
): { patch: Partial<CreateDraft>; result: ImportResult } {
  const wanted = s.model?.toLowerCase();
  const model = models.find((m) => m.id.toLowerCase() === wanted || m.name.toLowerCase() === wanted) ?? current;
  const patch: Partial<CreateDraft> = { prompt: s.prompt, negativePrompt: s.negativePrompt ?? '', modelId: model.id };
  const filled = ['prompt'];
  const unused = Object.entries(s.other).map(([k, v]) => `${k} ${v}`);
  if (s.negativePrompt)
    (model.supportsNegativePrompt ? filled : unused).push(model.supportsNegativePrompt ? 'negativePrompt' : 'negative prompt');
  if (s.model)
    model.id.toLowerCase() === wanted || model.name.toLowerCase() === wanted ? filled.push('model') : unused.push(`model ${s.model}`);
  if (s.aspectRatio && model.aspectRatios.includes(s.aspectRatio)) {
    patch.aspectRatio = s.aspectRatio;
    filled.push('aspectRatio');
  } else if (s.aspectRatio) unused.push(`aspect ratio ${s.aspectRatio}`);
  const rest = takeSampling(s.other, model, patch, tuning);
  filled.push(...rest.filled);
  return { patch, result: { source: s.source, filled, unused: unused.filter((u) => !rest.taken.has(u)) } };
}

/** The names tools give the settings Create has controls for. */
const SAMPLING_NAMES: Record<string, 'seed' | 'steps' | 'guidance' | 'strength' | 'sampler'> = {
  seed: 'seed',
  noiseseed: 'seed',
  steps: 'steps',
  cfg: 'guidance',
  cfgscale: 'guidance',
  guidance: 'guidance',
  guidancescale: 'guidance',
  scale: 'guidance',
  strength: 'strength',
  denoisingstrength: 'strength',
  sampler: 'sampler',
  samplername: 'sampler',
};

/**
 * Seed, steps, guidance, strength and sampler from the file, where the chosen
 * model takes them and the value fits its range; anything else stays listed
 * as unused, so nothing is dropped without the user being told.
 */
function takeSampling(other: Record<string, string>, model: Model, patch: Partial<CreateDraft>, kept: CreateDraft['tuning']) {
  const filled: string[] = [];
  const taken = new Set<string>();
  const tuning: ModelTuning = {};
  const inRange = (range: Range | null, v: number) => range !== null && Number.isFinite(v) && v >= range.min && v <= range.max;
  for (const [key, raw] of Object.entries(other)) {
    const kind = SAMPLING_NAMES[key.toLowerCase().replace(/[\s_]/g, '')];
    if (!kind) continue;
    const n = Number(raw);
    let ok = false;
    if (kind === 'seed' && model.seed && parseSeed(raw) !== null) {
      patch.seed = raw.trim();
      patch.seedLocked = true;
      ok = true;
    } else if ((kind === 'steps' || kind === 'guidance' || kind === 'strength') && inRange(model[kind], n)) {
      tuning[kind] = n;
      ok = true;
    } else if (kind === 'sampler' && model.samplers.includes(raw)) {
      tuning.sampler = raw;
      ok = true;
    }
    if (!ok) continue;
    taken.add(`${key} ${raw}`);
    if (!filled.includes(kind)) filled.push(kind);
  }
  if (Object.keys(tuning).length > 0) patch.tuning = { ...kept, [model.id]: { ...kept[model.id], ...tuning } };
  return { filled, taken };
}

/** "Import settings": a file picker for an image whose settings fill the form (read here, never uploaded). */
export function ImportSettingsButton({ onFile }: { onFile: (file: File) => void }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <Button type="button" variant="ghost" size="sm" onClick={() => input.current?.click()} data-testid="import-settings">
        {t('create.import.button')}
      </Button>
      <input
        ref={input}
        type="file"
        accept="image/png,image/jpeg,image/webp"
        className="sr-only"
        tabIndex={-1}
        aria-hidden="true"
        data-testid="import-settings-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) onFile(file);
        }}
      />
    </>
  );
}

/** The first image among dropped or pasted files. */
export const imageOf = (files: FileList | undefined | null): File | undefined =>
  Array.from(files ?? []).find((f) => f.type.startsWith('image/'));

/** Reads `file`; null settings when it carries none we read. */
export const readSettingsFile = (file: Blob) => readImageSettings(file).catch(() => null);

/** Says what an import did, with Undo (the form as it was before the first import). */
export function ImportNotice({ result, onClose, onUndo }: { result: ImportResult; onClose: () => void; onUndo: () => void }) {
  const { t } = useTranslation();
  if (!result.source) {
    return (
      <Notice tone="warning" role="status" data-testid="import-notice" action={<CloseButton onClose={onClose} />}>
        {t('create.import.nothing')}
      </Notice>
    );
  }
  const fields = result.filled.map((f) => t(`create.import.fields.${f}`)).join(t('create.import.separator'));
  return (
    <Notice
      tone="info"
      role="status"
      data-testid="import-notice"
      action={
        <span className="flex gap-1">
          <Button type="button" variant="ghost" size="sm" onClick={onUndo} data-testid="import-undo">
            {t('create.import.undo')}
          </Button>
          <CloseButton onClose={onClose} />
        </span>
      }
    >
      {t('create.import.read', { source: t(`create.import.sources.${result.source}`), fields })}
      {result.unused.length > 0 && (
        <span className="mt-1 block text-xs" data-testid="import-unused">
          {t('create.import.unused', { list: result.unused.join(', ') })}
        </span>
      )}
    </Notice>
  );
}

function CloseButton({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Button type="button" variant="ghost" size="sm" onClick={onClose}>
      {t('common.close')}
    </Button>
  );
}
