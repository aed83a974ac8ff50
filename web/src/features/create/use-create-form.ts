import { useState } from 'react';
import type { Generation, Model } from '../../api/contracts.js';
import { noPresets, type PresetChoice } from './compose-prompt.js';

/** Steps, guidance, strength and sampler as the user set them for one model (unset: the model's default). */
export interface ModelTuning {
  steps?: number;
  guidance?: number;
  strength?: number;
  sampler?: string;
}

export interface CreateDraft extends PresetChoice {
  prompt: string;
  negativePrompt: string;
  modelId: string;
  aspectRatio: string;
  count: number;
  /** Digits of a chosen seed; empty means a new random seed for each generation. */
  seed: string;
  /** Keep the seed after generating (otherwise it clears, so the next run differs). */
  seedLocked: boolean;
  /**
   * Per model, so switching to a model without steps and back finds them
   * again, and one model's range never clips another's value.
   */
  tuning: Record<string, ModelTuning>;
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

export const emptyDraft: CreateDraft = {
  prompt: '',
  negativePrompt: '',
  modelId: '',
  aspectRatio: '1:1',
  count: 1,
  seed: '',
  seedLocked: false,
  tuning: {},
  ...noPresets,
  presetId: null,
};

/** A generation's settings as a draft: Remix keeps its seed, locked, so the same settings give the same image. */
export function draftFrom(g: Generation, current: CreateDraft): CreateDraft {
  const tuning: ModelTuning = {
    ...(g.steps === null ? {} : { steps: g.steps }),
    ...(g.guidance === null ? {} : { guidance: g.guidance }),
    ...(g.strength === null ? {} : { strength: g.strength }),
    ...(g.sampler === null ? {} : { sampler: g.sampler }),
  };
  return {
    prompt: g.prompt,
    negativePrompt: g.negativePrompt ?? '',
    modelId: g.model,
    aspectRatio: g.aspectRatio,
    count: g.count,
    seed: g.seed === null ? '' : String(g.seed),
    seedLocked: g.seed !== null,
    tuning: { ...current.tuning, [g.model]: tuning },
    // The stored prompt is what was sent, presets included: they are not added a second time.
    ...noPresets,
    presetId: null,
  };
}

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

  /** Sets one of the chosen model's tuning values (undefined: back to its default). */
  const tune = (patch: ModelTuning) =>
    setDraft((d) => {
      const merged: ModelTuning = { ...d.tuning[d.modelId], ...patch };
      for (const key of Object.keys(merged) as (keyof ModelTuning)[]) if (merged[key] === undefined) delete merged[key];
      return { ...d, tuning: { ...d.tuning, [d.modelId]: merged } };
    });

  const prefill = (g: Generation) =>
    setDraft((d) => fitToModel(draftFrom(g, d), models.find((m) => m.id === g.model) ?? models[0], maxCount));

  return { draft, model, update, tune, prefill };
}
