import { type SubmitGenerationInput, submitGenerationSchema } from '../contracts/api.js';
import { compilePrompt } from '../contracts/prompt-syntax.js';
import { AppError } from '../lib/errors.js';
import type { ModelConfig } from './catalog.js';
import type { GenerationContext } from './context.js';
import { findOwnedUploads } from './generation.queries.js';
import { resolveControls } from './model-controls.js';

const invalid = (field: string, message: string) => new AppError('invalid_input', message, { field });

/**
 * What a generation costs: the one price both the quote and the submit's
 * debit read, so the two cannot drift apart.
 */
export function priceGeneration(model: Pick<ModelConfig, 'cost'>, count: number): number {
  return model.cost * count;
}

/**
 * Checks a generation request against the catalog, the model's limits and
 * the user's own uploads, and prices it. Reads only: it charges, records and
 * judges nothing (the content policy is the submit's, after this). Throws
 * unknown_model or invalid_input naming the field.
 */
export async function checkSubmission(
  deps: Pick<GenerationContext, 'db' | 'catalog' | 'settings'>,
  input: { userId: string; request: SubmitGenerationInput },
) {
  const req = submitGenerationSchema.parse(input.request);
  // A switched-off model is answered as unknown: it is not on offer.
  const model = deps.catalog.find((m) => m.id === req.model && m.enabled);
  if (!model) throw new AppError('unknown_model', `There is no model called "${req.model}".`, { field: 'model' });
  if (!model.aspectRatios.includes(req.aspectRatio)) {
    throw invalid('aspectRatio', `${model.name} supports the aspect ratios ${model.aspectRatios.join(', ')}.`);
  }
  // What the model receives: weights written for its family. Both forms must fit its limit.
  const sentPrompt = compilePrompt(req.prompt, model.family);
  if (req.prompt.length > model.maxPromptLength || sentPrompt.length > model.maxPromptLength) {
    throw invalid('prompt', `${model.name} accepts prompts of at most ${model.maxPromptLength} characters.`);
  }
  const maxRefs = Math.min(model.maxReferences, deps.settings.maxReferences);
  const refIds = [...new Set(req.referenceUploadIds)];
  if (refIds.length > maxRefs) {
    throw invalid(
      'referenceUploadIds',
      maxRefs === 0 ? `${model.name} does not take reference images.` : `${model.name} takes at most ${maxRefs} reference images.`,
    );
  }
  if (model.requiresReference && refIds.length === 0)
    throw invalid('referenceUploadIds', `${model.name} needs at least one reference image.`);
  const owned = await findOwnedUploads(deps.db, input.userId, refIds);
  if (owned.length !== refIds.length) throw invalid('referenceUploadIds', 'One of the reference images was not found. Upload it again.');
  const controls = resolveControls(model, req, refIds.length);
  return { req, model, sentPrompt, refIds, owned, controls, cost: priceGeneration(model, req.count) };
}
