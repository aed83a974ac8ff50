import { useState } from 'react';
import type { Generation, Model } from '../../api/contracts.js';
import { noPresets, type PresetChoice } from './compose-prompt.js';

export interface CreateDraft extends PresetChoice {
  prompt: string;
  negativePrompt: string;
  modelId: string;
  aspectRatio: string;
  count: number;
  /** null: a new random seed each time. */
  seed: number | null;
  /** The user preset last applied, shown as chosen. */
  presetId: string | null;
}

/** Keeps the aspect ratio and count valid for the chosen model. */
export function fitToModel(draft: CreateDraft, model: Model | undefined, maxCount: number): CreateDraft {
  if (!model) return draft;
  const aspectRatio = model.aspectRatios.includes(draft.aspectRatio) ? draft.aspectRatio : (model.aspectRatios[0] ?? '1:1');
  const count = Math.min(Math.max(1, draft.count), Math.max(1, maxCount));
  return { ...draft, modelId: model.id, aspectRatio, count };
}

const emptyDraft: CreateDraft = {
  prompt: '',
  negativePrompt: '',
  modelId: '',
  aspectRatio: '1:1',
  count: 1,
  ...noPresets,
  seed: null,
  presetId: null,
};

/** The Create form's fields, starting from `saved` (the draft kept on this device); `prefill` loads a generation's settings (Remix). */
export function useCreateForm(models: Model[], maxCount: number, saved?: CreateDraft | null) {
  const [draft, setDraft] = useState<CreateDraft>(() =>
    fitToModel(saved ?? emptyDraft, models.find((m) => m.id === saved?.modelId) ?? models[0], maxCount),
  );
  const model = models.find((m) => m.id === draft.modelId) ?? models[0];

  const update = (patch: Partial<CreateDraft>) =>
    setDraft((d) => {
      const next = { ...d, ...patch };
      return fitToModel(next, models.find((m) => m.id === next.modelId) ?? models[0], maxCount);
    });

  const prefill = (g: Generation) =>
    setDraft(
      fitToModel(
        // The stored prompt is what was sent, presets included: they are not added a second time.
        {
          ...emptyDraft,
          prompt: g.prompt,
          negativePrompt: g.negativePrompt ?? '',
          modelId: g.model,
          aspectRatio: g.aspectRatio,
          count: g.count,
        },
        models.find((m) => m.id === g.model) ?? models[0],
        maxCount,
      ),
    );

  return { draft, model, update, prefill };
}
