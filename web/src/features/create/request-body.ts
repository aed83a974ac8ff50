import type { Generation, Model, SubmitGenerationInput } from '../../api/contracts.js';
import type { CreateDraft } from './use-create-form.js';

const SEED = /^\d{1,10}$/;
export const MAX_SEED = 2_147_483_647;

/** The seed field's value as a seed, or null when it is empty or not one (the field then shows why). */
export function parseSeed(text: string): number | null {
  const trimmed = text.trim();
  if (!SEED.test(trimmed)) return null;
  const n = Number(trimmed);
  return n <= MAX_SEED ? n : null;
}

/** A new random seed, as the server would choose one. */
export const randomSeed = () => Math.floor(Math.random() * (MAX_SEED + 1));

/**
 * What Create sends: only the controls the chosen model takes (the server
 * refuses the others), so settings kept for another model never leak into
 * this request. Unset tuning is left out: the model's default applies.
 */
export function toRequestBody(draft: CreateDraft, model: Model, referenceUploadIds: string[]): SubmitGenerationInput {
  const tuning = draft.tuning[model.id] ?? {};
  const seed = model.seed ? parseSeed(draft.seed) : null;
  const negative = draft.negativePrompt.trim();
  return {
    prompt: draft.prompt.trim(),
    ...(model.supportsNegativePrompt && negative ? { negativePrompt: negative } : {}),
    model: model.id,
    aspectRatio: draft.aspectRatio,
    count: draft.count,
    referenceUploadIds,
    ...(seed === null ? {} : { seed }),
    ...(model.steps && tuning.steps !== undefined ? { steps: tuning.steps } : {}),
    ...(model.guidance && tuning.guidance !== undefined ? { guidance: tuning.guidance } : {}),
    ...(model.strength && referenceUploadIds.length > 0 && tuning.strength !== undefined ? { strength: tuning.strength } : {}),
    ...(model.samplers.length > 0 && tuning.sampler && model.samplers.includes(tuning.sampler) ? { sampler: tuning.sampler } : {}),
  };
}

/**
 * A generation's settings sent again with new seeds: `count` images from
 * the same prompt, model and tuning (Re-roll repeats the batch; Variations
 * asks for a full set).
 */
export function repeatBody(g: Generation, count: number): SubmitGenerationInput {
  return {
    prompt: g.prompt,
    ...(g.negativePrompt ? { negativePrompt: g.negativePrompt } : {}),
    model: g.model,
    aspectRatio: g.aspectRatio,
    count,
    referenceUploadIds: g.references.map((r) => r.id),
    ...(g.steps === null ? {} : { steps: g.steps }),
    ...(g.guidance === null ? {} : { guidance: g.guidance }),
    ...(g.strength === null ? {} : { strength: g.strength }),
    ...(g.sampler === null ? {} : { sampler: g.sampler }),
  };
}
