import { z } from 'zod';

/**
 * The models on offer: configuration (MODELS_JSON) with these defaults per provider.
 * With KIE (or the simulator) config also checks each entry against what the KIE model accepts.
 */
/** A numeric control's range and the value used when the user leaves it alone. */
const rangeSchema = z
  .object({ min: z.number(), max: z.number(), default: z.number(), step: z.number().positive().default(1) })
  .refine((r) => r.min <= r.default && r.default <= r.max, 'needs min <= default <= max');
export type Range = z.infer<typeof rangeSchema>;

export const modelSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  providerModel: z.string().min(1),
  cost: z.number().int().positive(),
  /**
   * How prompts are written for it: `natural` models read sentences (weights
   * are dropped, underscores become spaces); `sdxl` checkpoints read booru tags
   * with A1111 weights. Presets and the prompt compiler key on it.
   */
  family: z.enum(['natural', 'sdxl']).default('natural'),
  /** False hides the model (e.g. an offer the operator has not confirmed yet). */
  enabled: z.boolean().default(true),
  aspectRatios: z.array(z.string().regex(/^(\d+:\d+)$/)).min(1),
  maxReferences: z.number().int().min(0).max(14),
  /** What the model does with reference images: edit them, keep their character, or take their style. */
  referenceRole: z.enum(['edit', 'character', 'style']).default('edit'),
  /** When true the model needs at least one reference image (edit models). */
  requiresReference: z.boolean().default(false),
  supportsNegativePrompt: z.boolean().default(false),
  maxPromptLength: z.number().int().positive().default(5000),
  maxNegativePromptLength: z.number().int().positive().default(5000),
  /** The model takes a seed: the same seed and settings give the same image. */
  seed: z.boolean().default(false),
  steps: rangeSchema.optional(),
  guidance: rangeSchema.optional(),
  /** Image-to-image strength, used when references are given. */
  strength: rangeSchema.optional(),
  /** Sampler names the user may choose from; the first is the default. Empty: no choice. */
  samplers: z.array(z.string().min(1)).default([]),
  /** Takes a mask (inpainting). */
  mask: z.boolean().default(false),
  /** Images one provider task returns (Midjourney's grid gives four). */
  imagesPerTask: z.number().int().min(1).max(4).default(1),
});
export type ModelConfig = z.infer<typeof modelSchema>;

type ModelEntry = z.input<typeof modelSchema>;

const PORTRAIT_FIRST = ['1:1', '2:3', '3:2', '3:4', '4:3', '9:16', '16:9'];
/** Ideogram and Qwen name sizes, and have no 2:3 or 3:2 (kie-tools.md §2.1 (A)). */
const NAMED_SIZES = ['1:1', '3:4', '4:3', '9:16', '16:9'];
/** Midjourney's own ratio list, portrait first like the rest. */
const MIDJOURNEY_RATIOS = ['1:1', '2:3', '3:2', '3:4', '4:3', '9:16', '16:9', '5:6', '6:5', '1:2', '2:1'];

/**
 * Defaults chosen from KIE's Market models that suit anime work (the table in
 * providers/kie/models.ts). Ideogram V3 and Qwen Image take a negative prompt
 * and a seed; Midjourney niji 6 (KIE's Midjourney API) gives four images a
 * run and ships switched off.
 */
const kieModels: ModelEntry[] = [
  {
    id: 'nano-banana',
    name: 'Nano Banana',
    providerModel: 'google/nano-banana',
    cost: 2,
    aspectRatios: ['1:1', '3:4', '4:3', '9:16', '16:9'],
    maxReferences: 0,
    maxPromptLength: 5000,
  },
  {
    id: 'nano-banana-2',
    name: 'Nano Banana 2',
    providerModel: 'nano-banana-2',
    cost: 4,
    aspectRatios: PORTRAIT_FIRST,
    maxReferences: 4,
    maxPromptLength: 20000,
  },
  {
    id: 'seedream-4-5',
    name: 'Seedream 4.5',
    providerModel: 'seedream/4.5-text-to-image',
    cost: 3,
    aspectRatios: PORTRAIT_FIRST,
    maxReferences: 0,
    maxPromptLength: 3000,
  },
  {
    id: 'ideogram-v3',
    name: 'Ideogram V3',
    providerModel: 'ideogram/v3-text-to-image',
    cost: 3,
    aspectRatios: NAMED_SIZES,
    maxReferences: 0,
    supportsNegativePrompt: true,
    maxPromptLength: 5000,
    maxNegativePromptLength: 5000,
    seed: true,
  },
  {
    id: 'qwen-image',
    name: 'Qwen Image',
    providerModel: 'qwen/text-to-image',
    cost: 2,
    aspectRatios: NAMED_SIZES,
    maxReferences: 0,
    supportsNegativePrompt: true,
    maxPromptLength: 5000,
    maxNegativePromptLength: 500,
    seed: true,
    steps: { min: 2, max: 250, default: 30 },
    guidance: { min: 0, max: 20, default: 2.5, step: 0.5 },
  },
  {
    // Switched off: KIE's Midjourney API is missing from its mid-2026 docs and
    // price list, so an operator turns this on (README) only after a live
    // generate call shows KIE still sells it. `cost` is per run of four images.
    id: 'niji-6',
    name: 'Midjourney niji 6',
    providerModel: 'midjourney/niji6',
    enabled: false,
    cost: 4,
    imagesPerTask: 4,
    aspectRatios: MIDJOURNEY_RATIOS,
    maxReferences: 0,
    maxPromptLength: 2000,
  },
];

/** What both self-hosted backends offer: one SDXL anime checkpoint with tags, negative prompts, seeds and one reference. */
const localCheckpoint = {
  id: 'local-anime',
  name: 'Local checkpoint',
  providerModel: 'default',
  cost: 1,
  family: 'sdxl',
  aspectRatios: PORTRAIT_FIRST,
  maxReferences: 1,
  supportsNegativePrompt: true,
  maxPromptLength: 5000,
  seed: true,
} satisfies ModelEntry;

/** Behind AUTOMATIC1111: steps, CFG and sampler as its API takes them, img2img strength 0.75 (its default). */
const a1111Models: ModelEntry[] = [
  {
    ...localCheckpoint,
    steps: { min: 1, max: 150, default: 28 },
    guidance: { min: 1, max: 30, default: 6, step: 0.5 },
    strength: { min: 0, max: 1, default: 0.75, step: 0.05 },
    samplers: ['Euler a', 'Euler', 'DPM++ 2M', 'DPM++ 2M SDE', 'DPM++ SDE', 'DDIM'],
  },
];

/**
 * Behind ComfyUI (Illustrious, NoobAI, Animagine, Pony): anime SDXL defaults
 * (28 steps, CFG 6, Euler a) and an img2img strength (ComfyUI's denoise) of
 * 0.6. `default` is COMFYUI_CHECKPOINT or the server's first checkpoint.
 */
const comfyModels: ModelEntry[] = [
  {
    ...localCheckpoint,
    steps: { min: 1, max: 100, default: 28 },
    guidance: { min: 1, max: 15, default: 6, step: 0.5 },
    strength: { min: 0.05, max: 1, default: 0.6, step: 0.05 },
    samplers: ['Euler a', 'Euler', 'DPM++ 2M', 'DPM++ 2M Karras', 'DPM++ 2M SDE', 'DPM++ SDE', 'DDIM'],
  },
];

export const defaultModels: ModelConfig[] = kieModels.map((m) => modelSchema.parse(m));
export const defaultA1111Models: ModelConfig[] = a1111Models.map((m) => modelSchema.parse(m));
export const defaultComfyModels: ModelConfig[] = comfyModels.map((m) => modelSchema.parse(m));

/** Reads MODELS_JSON; throws an Error whose message says what is wrong. */
export function parseModels(json: string | undefined, fallback: ModelConfig[]): ModelConfig[] {
  if (!json) return fallback;
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new Error('not valid JSON');
  }
  const parsed = z.array(modelSchema).min(1).safeParse(raw);
  if (!parsed.success) {
    // The path (entry index and field) tells the operator where in a long array to look.
    const issue = parsed.error.issues[0];
    throw new Error(issue ? `${issue.path.join('.') || 'value'}: ${issue.message}` : 'invalid');
  }
  return parsed.data;
}
