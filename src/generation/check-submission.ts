import { type SubmitGenerationInput, submitGenerationSchema } from '../contracts/api.js';
import { compilePrompt } from '../contracts/prompt-syntax.js';
import { AppError } from '../lib/errors.js';
import type { ModelConfig } from './catalog.js';
import { checkTool, refuseToolFields } from './check-tool.js';
import type { GenerationContext } from './context.js';
import { findOwnedUploads, type UploadRow } from './generation.queries.js';
import type { ReferenceRole } from './generation.schema.js';
import { resolveControls } from './model-controls.js';

const invalid = (field: string, message: string) => new AppError('invalid_input', message, { field });

/**
 * What a generation costs: the one price both the quote and the submit's
 * debit read, so the two cannot drift apart. `unitCost` is the model's (or
 * its tool's) price per run; upscaling ×4 costs twice ×2.
 */
export function priceGeneration(unitCost: number, count: number, factor: number | null = null): number {
  return unitCost * count * (factor === 4 ? 2 : 1);
}

/**
 * Checks a generation request against the catalog, the model's (or tool's)
 * limits and the user's own images and uploads, and prices it. Reads only:
 * it charges, records and judges nothing (the content policy is the submit's,
 * after this). Throws unknown_model or invalid_input naming the field.
 */
export async function checkSubmission(
  deps: Pick<GenerationContext, 'db' | 'catalog' | 'settings' | 'clock'>,
  /** `forQuote`: inpaint may leave out its mask (the price does not depend on it). */
  input: { userId: string; request: SubmitGenerationInput; mature?: boolean; forQuote?: boolean },
) {
  const req = submitGenerationSchema.parse(input.request);
  // A switched-off model is answered as unknown: it is not on offer.
  const model = deps.catalog.find((m) => m.id === req.model && m.enabled);
  if (!model) throw new AppError('unknown_model', `There is no model called "${req.model}".`, { field: 'model' });
  const checked = req.tool === 'text' ? await checkText(deps, input.userId, model, req) : await checkImageTool(deps, input, model, req);
  const { prompt, uploads } = checked;
  // What the model receives: weights written for its family. Both forms must fit its limit.
  const sentPrompt = compilePrompt(prompt, model.family);
  if (prompt.length > checked.maxPromptLength || sentPrompt.length > checked.maxPromptLength) {
    throw invalid('prompt', `${model.name} accepts prompts of at most ${checked.maxPromptLength} characters.`);
  }
  const controls = resolveControls(checked.controlsModel, req, checked.imageInputs, checked.noControls);
  return {
    req: { ...req, prompt },
    model,
    sentPrompt,
    uploads,
    controls,
    tool: req.tool,
    providerModel: checked.providerModel,
    aspectRatio: checked.aspectRatio,
    parentImageId: checked.parentImageId,
    factor: checked.factor,
    cost: priceGeneration(checked.unitCost, req.count, checked.factor),
  };
}

type Request = ReturnType<typeof submitGenerationSchema.parse>;

interface Checked {
  prompt: string;
  aspectRatio: string;
  providerModel: string;
  unitCost: number;
  maxPromptLength: number;
  uploads: { upload: UploadRow; role: ReferenceRole }[];
  parentImageId: string | null;
  factor: number | null;
  controlsModel: ModelConfig;
  /** Images the model is given (references, or a tool's source): strength needs one. */
  imageInputs: number;
  /** Upscale and background removal take no sampling controls at all. */
  noControls: boolean;
}

async function checkText(
  deps: Pick<GenerationContext, 'db' | 'settings'>,
  userId: string,
  model: ModelConfig,
  req: Request,
): Promise<Checked> {
  if (!model.text) throw invalid('tool', `${model.name} only works on images: choose one of its tools.`);
  refuseToolFields(req);
  if (!req.prompt) throw invalid('prompt', 'Write a prompt');
  if (!req.aspectRatio) throw invalid('aspectRatio', 'Choose an aspect ratio.');
  if (!model.aspectRatios.includes(req.aspectRatio)) {
    throw invalid('aspectRatio', `${model.name} supports the aspect ratios ${model.aspectRatios.join(', ')}.`);
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
  const owned = await findOwnedUploads(deps.db, userId, refIds);
  if (owned.length !== refIds.length) throw invalid('referenceUploadIds', 'One of the reference images was not found. Upload it again.');
  // In the order the user gave them: the first reference is the image-to-image source.
  const uploads = refIds.map((id) => ({ upload: owned.find((u) => u.id === id)!, role: 'reference' as const }));
  return {
    prompt: req.prompt,
    aspectRatio: req.aspectRatio,
    providerModel: model.providerModel,
    unitCost: model.cost,
    maxPromptLength: model.maxPromptLength,
    uploads,
    parentImageId: null,
    factor: null,
    controlsModel: model,
    imageInputs: refIds.length,
    noControls: false,
  };
}

async function checkImageTool(
  deps: Pick<GenerationContext, 'db' | 'clock'>,
  input: { userId: string; mature?: boolean; forQuote?: boolean },
  model: ModelConfig,
  req: Request,
): Promise<Checked> {
  const tool = req.tool === 'text' ? undefined : req.tool;
  if (!tool) throw new Error('checkImageTool needs an image tool');
  const checked = await checkTool(deps, {
    userId: input.userId,
    mature: input.mature ?? false,
    model,
    req: { ...req, tool },
    forQuote: input.forQuote,
  });
  return {
    prompt: checked.prompt,
    aspectRatio: checked.aspectRatio,
    providerModel: checked.offer.providerModel,
    unitCost: checked.offer.cost,
    maxPromptLength: checked.offer.maxPromptLength,
    uploads: checked.uploads,
    parentImageId: checked.parentImageId,
    factor: checked.factor,
    controlsModel: checked.controlsModel,
    imageInputs: 1,
    noControls: tool === 'upscale' || tool === 'remove-background',
  };
}
