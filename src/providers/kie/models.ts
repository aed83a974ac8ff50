/**
 * How AnimeGen's generic request maps onto each KIE Market model's `input`,
 * and what each model accepts, so the catalog can be checked against it.
 * Every field is sent explicitly because KIE does not always apply its
 * documented defaults (kie.md §1.3).
 */

import type { ImageTool } from '../../contracts/tools.js';
import { type Bounds, type ModelRequest, type ModelSpec, NAMED_SIZES, namedSize, nearestAspect, negative } from './model-spec.js';
import { toolModels } from './tool-models.js';

export { type ModelRequest, nearestAspect } from './model-spec.js';

const NANO_BANANA_RATIOS = ['1:1', '9:16', '16:9', '3:4', '4:3', '3:2', '2:3', '5:4', '4:5', '21:9'];
const NANO_BANANA_PRO_RATIOS = ['1:1', '2:3', '3:2', '3:4', '4:3', '4:5', '5:4', '9:16', '16:9', '21:9'];
const NANO_BANANA_2_RATIOS = [...NANO_BANANA_PRO_RATIOS, '1:4', '4:1', '1:8', '8:1'];
const SEEDREAM_45_RATIOS = ['1:1', '4:3', '3:4', '16:9', '9:16', '2:3', '3:2', '21:9'];
const GPT_IMAGE_RATIOS = ['1:1', '2:3', '3:2'];

/** Seedream 4.0 names sizes instead of ratios. */
const SEEDREAM_V4_SIZES: Record<string, string> = {
  '1:1': 'square_hd',
  '3:4': 'portrait_4_3',
  '2:3': 'portrait_3_2',
  '9:16': 'portrait_16_9',
  '4:3': 'landscape_4_3',
  '3:2': 'landscape_3_2',
  '16:9': 'landscape_16_9',
  '21:9': 'landscape_21_9',
};

function nanoBanana(maxReferences: number, requiresReference: boolean, maxPromptLength?: number): ModelSpec {
  return {
    aspectRatios: NANO_BANANA_RATIOS,
    maxReferences,
    requiresReference,
    maxPromptLength,
    buildInput: (r) => ({
      prompt: r.prompt,
      ...(maxReferences > 0 ? { image_urls: r.referenceUrls } : {}),
      image_size: nearestAspect(r.aspectRatio, NANO_BANANA_RATIOS),
      output_format: 'png',
    }),
  };
}

function nanoBananaNext(maxReferences: number, ratios: readonly string[], maxPromptLength: number): ModelSpec {
  return {
    aspectRatios: ratios,
    maxReferences,
    requiresReference: false,
    maxPromptLength,
    buildInput: (r) => ({
      prompt: r.prompt,
      image_input: r.referenceUrls,
      aspect_ratio: nearestAspect(r.aspectRatio, ratios),
      resolution: '1K',
      output_format: 'png',
    }),
  };
}

function seedream45(maxReferences: number): ModelSpec {
  return {
    aspectRatios: SEEDREAM_45_RATIOS,
    maxReferences,
    requiresReference: maxReferences > 0,
    maxPromptLength: 3000,
    buildInput: (r) => ({
      prompt: r.prompt,
      aspect_ratio: nearestAspect(r.aspectRatio, SEEDREAM_45_RATIOS),
      quality: 'basic',
      ...(maxReferences > 0 ? { image_urls: r.referenceUrls } : {}),
    }),
  };
}

function seedreamV4(maxReferences: number, maxPromptLength?: number): ModelSpec {
  return {
    aspectRatios: Object.keys(SEEDREAM_V4_SIZES),
    maxReferences,
    requiresReference: maxReferences > 0,
    maxPromptLength,
    buildInput: (r) => ({
      prompt: r.prompt,
      ...(maxReferences > 0 ? { image_urls: r.referenceUrls } : {}),
      image_size: SEEDREAM_V4_SIZES[nearestAspect(r.aspectRatio, Object.keys(SEEDREAM_V4_SIZES))] ?? 'square_hd',
      image_resolution: '1K',
      max_images: 1,
      seed: r.seed,
    }),
    seed: true,
  };
}

function gptImage15(maxReferences: number): ModelSpec {
  return {
    aspectRatios: GPT_IMAGE_RATIOS,
    maxReferences,
    requiresReference: maxReferences > 0,
    buildInput: (r) => ({
      prompt: r.prompt,
      aspect_ratio: nearestAspect(r.aspectRatio, GPT_IMAGE_RATIOS),
      quality: 'medium',
      ...(maxReferences > 0 ? { input_urls: r.referenceUrls } : {}),
    }),
  };
}

/**
 * Ideogram V3: seed and negative prompt. `expand_prompt` is off so the prompt
 * the user wrote (and its seed) gives the same image again; AUTO lets the
 * model pick its rendering style, which suits anime prompts.
 */
const ideogramV3: ModelSpec = {
  aspectRatios: Object.keys(NAMED_SIZES),
  maxReferences: 0,
  requiresReference: false,
  maxPromptLength: 5000,
  maxNegativePromptLength: 5000,
  seed: true,
  buildInput: (r) => ({
    prompt: r.prompt,
    ...negative(r),
    image_size: namedSize(r.aspectRatio),
    rendering_speed: 'BALANCED',
    style: 'AUTO',
    expand_prompt: false,
    seed: r.seed,
  }),
};

/** Qwen Image: seed, a short negative prompt, steps and guidance (defaults are KIE's). */
const qwenImage: ModelSpec = {
  aspectRatios: Object.keys(NAMED_SIZES),
  maxReferences: 0,
  requiresReference: false,
  maxPromptLength: 5000,
  maxNegativePromptLength: 500,
  seed: true,
  steps: { min: 2, max: 250 },
  guidance: { min: 0, max: 20 },
  buildInput: (r) => ({
    prompt: r.prompt,
    ...negative(r),
    image_size: namedSize(r.aspectRatio),
    num_inference_steps: r.steps ?? 30,
    guidance_scale: r.guidance ?? 2.5,
    acceleration: 'none',
    output_format: 'png',
    enable_safety_checker: true,
    seed: r.seed,
  }),
};

/** Midjourney's `aspectRatio` enum in KIE's published schema. */
const MIDJOURNEY_RATIOS = ['1:2', '9:16', '2:3', '3:4', '5:6', '6:5', '4:3', '3:2', '1:1', '16:9', '2:1'];

/**
 * A Midjourney version at one speed, through KIE's Midjourney API. The speed
 * is part of the provider model's name (`midjourney/niji6-relaxed`) because
 * it sets the price and the wait, and both belong to one catalog entry with
 * its own cost. MJ has no seed and no negative prompt field; stylization,
 * weirdness and variety are sent at Midjourney's own defaults, explicitly,
 * as for every Market model.
 */
function midjourney(version: string, speed: 'relaxed' | 'fast' | 'turbo'): ModelSpec {
  return {
    api: 'midjourney',
    imagesPerTask: 4,
    // On one image of its own grid only (generateVary, generateUpscale): the adapter sends the grid task, not a file.
    tools: ['variations', 'upscale'],
    aspectRatios: MIDJOURNEY_RATIOS,
    // Image prompts and style references (mj_img2img, mj_style_reference) are not offered yet.
    maxReferences: 0,
    requiresReference: false,
    maxPromptLength: 2000,
    buildInput: (r) => ({
      taskType: 'mj_txt2img',
      prompt: r.prompt,
      version,
      speed,
      aspectRatio: nearestAspect(r.aspectRatio, MIDJOURNEY_RATIOS),
      stylization: 100,
      weirdness: 0,
      variety: 0,
      enableTranslation: false,
    }),
  };
}

const models: Record<string, ModelSpec> = {
  'google/nano-banana': nanoBanana(0, false),
  'google/nano-banana-edit': { ...nanoBanana(10, true, 5000), tools: ['edit'] },
  'nano-banana-pro': nanoBananaNext(8, NANO_BANANA_PRO_RATIOS, 10_000),
  'nano-banana-2': nanoBananaNext(14, NANO_BANANA_2_RATIOS, 20_000),
  'seedream/4.5-text-to-image': seedream45(0),
  'seedream/4.5-edit': { ...seedream45(14), tools: ['edit'] },
  'bytedance/seedream-v4-text-to-image': seedreamV4(0),
  'bytedance/seedream-v4-edit': { ...seedreamV4(10, 5000), tools: ['edit'] },
  'gpt-image/1.5-text-to-image': gptImage15(0),
  'gpt-image/1.5-image-to-image': { ...gptImage15(16), tools: ['edit'] },
  'ideogram/v3-text-to-image': ideogramV3,
  'qwen/text-to-image': qwenImage,
  'midjourney/niji6': midjourney('niji6', 'fast'),
  'midjourney/niji6-relaxed': midjourney('niji6', 'relaxed'),
  'midjourney/niji6-turbo': midjourney('niji6', 'turbo'),
  ...toolModels,
};

/**
 * A model we have no table entry for gets the most common Market shape. Config
 * refuses such models at boot; this covers generations stored before a change.
 */
const genericModel: ModelSpec = {
  aspectRatios: [],
  maxReferences: 0,
  requiresReference: false,
  buildInput: (r) => ({ prompt: r.prompt, aspect_ratio: r.aspectRatio }),
};

export interface ModelReferenceSupport {
  /** False when the model is not in the table (it then gets the generic shape). */
  known: boolean;
  acceptsReferences: boolean;
  maxReferences: number;
  requiresReference: boolean;
}

/** What a KIE model accepts as reference images, so config can be validated at boot. */
export function modelReferenceSupport(providerModel: string): ModelReferenceSupport {
  const spec = models[providerModel];
  const { maxReferences, requiresReference } = spec ?? genericModel;
  return { known: spec !== undefined, acceptsReferences: maxReferences > 0, maxReferences, requiresReference };
}

/** Checks the reference count; returns why it is refused, or undefined when fine. */
export function referenceProblem(providerModel: string, count: number): string | undefined {
  const support = modelReferenceSupport(providerModel);
  if (count > support.maxReferences) return `${providerModel} accepts at most ${support.maxReferences} references, got ${count}`;
  if (count === 0 && support.requiresReference) return `${providerModel} needs at least one reference`;
  return undefined;
}

/** Which KIE API serves this model; a model not in the table gets the Market API. */
export function modelApi(providerModel: string): 'market' | 'midjourney' {
  return models[providerModel]?.api ?? 'market';
}

/** The `input` object for createTask (for a Midjourney model: the `generate` body). */
export function buildModelInput(providerModel: string, request: ModelRequest): Record<string, unknown> {
  return (models[providerModel] ?? genericModel).buildInput(request);
}

type ToolEntry = { providerModel?: string; factors?: readonly number[]; strength?: Bounds };

/** The parts of a catalog entry (MODELS_JSON) that the KIE model behind it must honour. */
export interface CatalogEntry {
  providerModel: string;
  aspectRatios: readonly string[];
  maxReferences: number;
  requiresReference: boolean;
  maxPromptLength: number;
  supportsNegativePrompt?: boolean;
  maxNegativePromptLength?: number;
  seed?: boolean;
  steps?: Bounds;
  guidance?: Bounds;
  strength?: Bounds;
  samplers?: readonly string[];
  mask?: boolean;
  imagesPerTask?: number;
  /** False: the entry only offers image tools, so only those are checked. */
  text?: boolean;
  /** The image tools it offers, the provider model each runs on, and what a grid tool must not promise. */
  tools?: Partial<Record<ImageTool, ToolEntry>>;
}

/** The controls an entry offers that the model has no field for, or offers wider than it takes. */
function controlProblems(entry: CatalogEntry, spec: ModelSpec): string[] {
  const name = entry.providerModel;
  const problems: string[] = [];
  if (entry.supportsNegativePrompt && spec.maxNegativePromptLength === undefined) problems.push(`${name} takes no negative prompt`);
  else if (entry.supportsNegativePrompt && (entry.maxNegativePromptLength ?? 0) > (spec.maxNegativePromptLength ?? 0))
    problems.push(
      `maxNegativePromptLength ${entry.maxNegativePromptLength} is more than ${name} accepts (${spec.maxNegativePromptLength})`,
    );
  if (entry.seed && !spec.seed) problems.push(`${name} takes no seed`);
  for (const control of ['steps', 'guidance'] as const) {
    const offered = entry[control];
    const taken = spec[control];
    if (!offered) continue;
    if (!taken) problems.push(`${name} takes no ${control}`);
    else if (offered.min < taken.min || offered.max > taken.max)
      problems.push(`${control} ${offered.min}-${offered.max} is outside what ${name} accepts (${taken.min}-${taken.max})`);
  }
  if (entry.strength) problems.push(`${name} takes no image-to-image strength`);
  if (entry.samplers && entry.samplers.length > 0) problems.push(`${name} has no sampler to choose`);
  if (entry.mask) problems.push(`${name} takes no mask`);
  const perTask = spec.imagesPerTask ?? 1;
  if ((entry.imagesPerTask ?? 1) !== perTask)
    problems.push(
      perTask === 1
        ? `${name} returns one image per task`
        : `${name} returns ${perTask} images per task, so imagesPerTask must be ${perTask}`,
    );
  return problems;
}

/**
 * What a catalog entry promises that its KIE model cannot keep; empty when it
 * fits. Checked at boot, because otherwise users are charged for a request KIE
 * refuses (a refund) or answers in a shape they did not ask for.
 */
export function checkCatalogEntry(entry: CatalogEntry): string[] {
  if (entry.text === false) return toolProblems(entry);
  const name = entry.providerModel;
  const spec = models[name];
  if (!spec) return [`there is no KIE mapping for providerModel "${name}" (known: ${Object.keys(models).join(', ')})`];
  const problems: string[] = [];
  const unsupported = entry.aspectRatios.filter((ratio) => !spec.aspectRatios.includes(ratio));
  if (unsupported.length > 0) {
    problems.push(`${name} does not support the aspect ratio ${unsupported.join(', ')} (it takes ${spec.aspectRatios.join(', ')})`);
  }
  if (entry.maxReferences > spec.maxReferences) {
    problems.push(`maxReferences ${entry.maxReferences} is more than ${name} accepts (${spec.maxReferences})`);
  }
  if (spec.requiresReference && !entry.requiresReference)
    problems.push(`${name} needs a reference image, so requiresReference must be true`);
  if (entry.requiresReference && spec.maxReferences === 0)
    problems.push(`${name} takes no reference images, so requiresReference must be false`);
  else if (entry.requiresReference && entry.maxReferences === 0) problems.push('requiresReference is true but maxReferences is 0');
  if (spec.maxPromptLength !== undefined && entry.maxPromptLength > spec.maxPromptLength) {
    problems.push(`maxPromptLength ${entry.maxPromptLength} is more than ${name} accepts (${spec.maxPromptLength})`);
  }
  return [...problems, ...controlProblems(entry, spec), ...toolProblems(entry)];
}

/** Each offered tool must run on a KIE model that serves it. */
function toolProblems(entry: CatalogEntry): string[] {
  const problems: string[] = [];
  for (const [tool, offer] of Object.entries(entry.tools ?? {}) as [ImageTool, ToolEntry][]) {
    const name = offer.providerModel ?? entry.providerModel;
    const spec = models[name];
    if (!spec) problems.push(`tools.${tool}: there is no KIE mapping for providerModel "${name}"`);
    else if (!spec.tools?.includes(tool)) problems.push(`tools.${tool}: ${name} does not do ${tool}`);
    else if (spec.api === 'midjourney') problems.push(...gridToolProblems(tool, name, offer));
  }
  return problems;
}

/**
 * Midjourney's vary and upscale take only the grid task and an image index:
 * no strength to send, and one upscale size (an unset `factors` would offer ×4 too).
 */
function gridToolProblems(tool: ImageTool, name: string, offer: ToolEntry): string[] {
  const problems: string[] = [];
  if (offer.strength) problems.push(`tools.${tool}: ${name} takes no strength`);
  if (tool === 'upscale' && (offer.factors?.length !== 1 || offer.factors[0] !== 2))
    problems.push(`tools.upscale: ${name} upscales ×2 only, so factors must be [2]`);
  return problems;
}

/** The image tools a KIE model serves (empty for text-only models and unknown ones). */
export function modelTools(providerModel: string): readonly ImageTool[] {
  return models[providerModel]?.tools ?? [];
}

/** Which colour of a mask means "change" for this model; undefined when it takes no mask. */
export function maskChangesFor(providerModel: string): 'black' | 'white' | undefined {
  return models[providerModel]?.maskChanges;
}
