import { type ModelSpec, NAMED_SIZES, namedSize, negative } from './model-spec.js';

/**
 * KIE's Market models behind the image tools (kie-tools.md §2.1): upscale,
 * background removal, image to image, inpaint and character. Each takes its
 * source as a URL (the request's first reference URL); every field is sent,
 * as KIE does not reliably apply its documented defaults.
 */

/** Where the source image goes: every tool model takes exactly one. */
const source = (r: { referenceUrls: string[] }) => r.referenceUrls[0] ?? '';

/** A named size for models that take one; the source's own shape, as near as the model allows. */
const SIZES = Object.keys(NAMED_SIZES);

/**
 * Ideogram's tools share its rendering controls. `expand_prompt` is off so a
 * prompt and seed give the same image again; `num_images` is a string (§2).
 */
const ideogramCommon = { rendering_speed: 'BALANCED', expand_prompt: false } as const;

export const toolModels: Record<string, ModelSpec> = {
  // Topaz takes the factor as a string "1" | "2" | "4" (8 only in an older copy of its schema, so not offered).
  'topaz/image-upscale': {
    aspectRatios: [],
    maxReferences: 1,
    requiresReference: true,
    tools: ['upscale'],
    prompt: false,
    buildInput: (r) => ({ image_url: source(r), upscale_factor: String(r.factor ?? 2) }),
  },
  // Gives a transparent PNG; its input field is `image`, not `image_url`.
  'recraft/remove-background': {
    aspectRatios: [],
    maxReferences: 1,
    requiresReference: true,
    tools: ['remove-background'],
    prompt: false,
    buildInput: (r) => ({ image: source(r) }),
  },
  // Strength 0..1: 1 remakes the image, 0 keeps it (§2.1).
  'qwen/image-to-image': {
    aspectRatios: SIZES,
    maxReferences: 1,
    requiresReference: true,
    tools: ['img2img', 'variations'],
    maxPromptLength: 5000,
    maxNegativePromptLength: 500,
    seed: true,
    steps: { min: 2, max: 250 },
    guidance: { min: 0, max: 20 },
    buildInput: (r) => ({
      prompt: r.prompt,
      image_url: source(r),
      ...negative(r),
      strength: r.strength ?? 0.8,
      num_inference_steps: r.steps ?? 30,
      guidance_scale: r.guidance ?? 2.5,
      acceleration: 'none',
      output_format: 'png',
      enable_safety_checker: true,
      seed: r.seed,
    }),
  },
  // Instruction edits. Its steps stop at 49, below Qwen Image's own range, so a higher setting is sent as 49.
  'qwen/image-edit': {
    aspectRatios: SIZES,
    maxReferences: 1,
    requiresReference: true,
    tools: ['edit'],
    maxPromptLength: 2000,
    maxNegativePromptLength: 500,
    seed: true,
    steps: { min: 2, max: 49 },
    guidance: { min: 0, max: 20 },
    buildInput: (r) => ({
      prompt: r.prompt,
      image_url: source(r),
      ...negative(r),
      image_size: namedSize(r.aspectRatio),
      num_inference_steps: Math.min(r.steps ?? 25, 49),
      guidance_scale: r.guidance ?? 4,
      acceleration: 'none',
      num_images: '1',
      seed: r.seed,
    }),
  },
  // Remix: image to image with strength 0.01..1 (no default, so always sent).
  'ideogram/v3-remix': {
    aspectRatios: SIZES,
    maxReferences: 1,
    requiresReference: true,
    tools: ['img2img', 'variations'],
    maxPromptLength: 5000,
    maxNegativePromptLength: 5000,
    seed: true,
    buildInput: (r) => ({
      prompt: r.prompt,
      image_url: source(r),
      ...negative(r),
      image_size: namedSize(r.aspectRatio),
      strength: Math.max(0.01, r.strength ?? 0.8),
      style: 'AUTO',
      num_images: '1',
      ...ideogramCommon,
      seed: r.seed,
    }),
  },
  // Inpaint. Ideogram repaints where the mask is BLACK (its own API; KIE documents no colour, §2.2).
  'ideogram/v3-edit': {
    aspectRatios: [],
    maxReferences: 1,
    requiresReference: true,
    tools: ['inpaint'],
    maskChanges: 'black',
    maxPromptLength: 5000,
    seed: true,
    buildInput: (r) => ({ prompt: r.prompt, image_url: source(r), mask_url: r.maskUrl ?? '', ...ideogramCommon, seed: r.seed }),
  },
  // Keeps the character of the first reference in a new scene; its styles differ from V3's (no DESIGN, adds FICTION).
  'ideogram/character': {
    aspectRatios: SIZES,
    maxReferences: 1,
    requiresReference: true,
    tools: ['character'],
    maxPromptLength: 5000,
    maxNegativePromptLength: 5000,
    seed: true,
    buildInput: (r) => ({
      prompt: r.prompt,
      reference_image_urls: [source(r)],
      ...negative(r),
      image_size: namedSize(r.aspectRatio),
      style: 'FICTION',
      num_images: '1',
      ...ideogramCommon,
      seed: r.seed,
    }),
  },
};
