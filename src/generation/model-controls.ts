import { randomInt } from 'node:crypto';
import { MAX_SEED, type SubmitGenerationInput, type submitGenerationSchema } from '../contracts/api.js';
import { AppError } from '../lib/errors.js';
import type { ModelConfig, Range } from './catalog.js';

type Request = ReturnType<typeof submitGenerationSchema.parse>;

/** The sampling settings a generation is stored and sent with: null where the model takes none. */
export interface ResolvedControls {
  seed: number | null;
  steps: number | null;
  guidance: number | null;
  strength: number | null;
  sampler: string | null;
}

const invalid = (field: keyof SubmitGenerationInput, message: string) => new AppError('invalid_input', message, { field });

/** A value inside the model's range, or the model's default when the user left it alone. */
function withinRange(model: ModelConfig, field: 'steps' | 'guidance', label: string, range: Range | undefined, value: number | undefined) {
  if (value === undefined) return range?.default ?? null;
  if (!range) throw invalid(field, `${model.name} takes no ${label.toLowerCase()} setting.`);
  if (value < range.min || value > range.max) throw invalid(field, `${label} for ${model.name} runs from ${range.min} to ${range.max}.`);
  return value;
}

/**
 * Checks every control of the request against what the model takes and fills
 * in its defaults. A control the model has no use for is refused with the
 * field named (422), never dropped: the user would otherwise believe a seed
 * or a negative prompt was used.
 */
export function resolveControls(model: ModelConfig, req: Request, referenceCount: number, noControls = false): ResolvedControls {
  if (noControls) return refuseEveryControl(req);
  if (req.negativePrompt && !model.supportsNegativePrompt)
    throw invalid('negativePrompt', `${model.name} does not take a negative prompt.`);
  if (req.negativePrompt && req.negativePrompt.length > model.maxNegativePromptLength) {
    throw invalid('negativePrompt', `${model.name} accepts negative prompts of at most ${model.maxNegativePromptLength} characters.`);
  }
  if (req.seed !== undefined && !model.seed)
    throw invalid('seed', `${model.name} takes no seed, so its images cannot be repeated exactly.`);
  if (req.strength !== undefined && !model.strength) throw invalid('strength', `${model.name} takes no image-to-image strength.`);
  if (req.strength !== undefined && referenceCount === 0) {
    throw invalid('strength', 'Strength applies to image-to-image: add a reference image, or leave strength unset.');
  }
  if (req.sampler !== undefined && !model.samplers.includes(req.sampler)) {
    throw invalid(
      'sampler',
      model.samplers.length === 0
        ? `${model.name} has no sampler to choose.`
        : `${model.name} offers the samplers ${model.samplers.join(', ')}.`,
    );
  }
  const strengthRange = model.strength;
  if (req.strength !== undefined && strengthRange && (req.strength < strengthRange.min || req.strength > strengthRange.max)) {
    throw invalid('strength', `Strength for ${model.name} runs from ${strengthRange.min} to ${strengthRange.max}.`);
  }
  return {
    seed: model.seed ? (req.seed ?? randomInt(0, MAX_SEED)) : null,
    steps: withinRange(model, 'steps', 'Steps', model.steps, req.steps),
    guidance: withinRange(model, 'guidance', 'Guidance', model.guidance, req.guidance),
    strength: strengthRange && referenceCount > 0 ? (req.strength ?? strengthRange.default) : null,
    sampler: req.sampler ?? model.samplers[0] ?? null,
  };
}

const controlFields = ['negativePrompt', 'seed', 'steps', 'guidance', 'strength', 'sampler'] as const;

/** Upscale and background removal: nothing to steer, so any control is refused by name. */
function refuseEveryControl(req: Request): ResolvedControls {
  const given = controlFields.find((field) => req[field] !== undefined && req[field] !== '');
  if (given) throw invalid(given, `This tool takes no ${given} setting.`);
  return { seed: null, steps: null, guidance: null, strength: null, sampler: null };
}
