import { z } from 'zod';
import { type GenerationTool, type ImageTool, imageTools, upscaleFactors } from '../contracts/tools.js';

/**
 * The models on offer: configuration (MODELS_JSON) with these defaults per provider.
 * With KIE (or the simulator) config also checks each entry against what the KIE model accepts.
 */
/** A numeric control's range and the value used when the user leaves it alone. */
const rangeSchema = z
  .object({ min: z.number(), max: z.number(), default: z.number(), step: z.number().positive().default(1) })
  .refine((r) => r.min <= r.default && r.default <= r.max, 'needs min <= default <= max');
export type Range = z.infer<typeof rangeSchema>;

/**
 * An image tool on a catalog entry. Unset fields take the entry's: the same
 * provider model (a checkpoint doing img2img) or its own (KIE's Topaz for
 * upscale), its own price per run, and for img2img and variations the
 * strength range (variations default low: close to the source).
 */
const toolOfferSchema = z.object({
  cost: z.number().int().positive().optional(),
  providerModel: z.string().min(1).optional(),
  strength: rangeSchema.optional(),
  /** False where the tool's model takes no negative prompt even though the entry's does (Ideogram's edit). */
  negativePrompt: z.boolean().default(true),
  /** A shorter prompt limit than the entry's, where the tool's model has one (Qwen's edit: 2000). */
  maxPromptLength: z.number().int().positive().optional(),
  factors: z
    .array(z.union(upscaleFactors.map((f) => z.literal(f)) as [z.ZodLiteral<2>, z.ZodLiteral<4>]))
    .min(1)
    .optional(),
});

export const modelSchema = z
  .object({
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
    /** Empty only for an entry that makes nothing from text (`text: false`). */
    aspectRatios: z.array(z.string().regex(/^(\d+:\d+)$/)),
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
    /** False for an entry that only works on images (an upscaler): Create does not offer it. */
    text: z.boolean().default(true),
    /** The image tools this entry offers (contracts/tools.ts), each priced on its own. */
    tools: z.partialRecord(z.enum(imageTools), toolOfferSchema).default({}),
  })
  .refine((m) => !m.text || m.aspectRatios.length > 0, {
    message: 'a model that makes images from text needs aspectRatios',
    path: ['aspectRatios'],
  })
  .refine((m) => m.text || Object.keys(m.tools).length > 0, { message: 'a model with text false must offer a tool', path: ['tools'] });
export type ModelConfig = z.infer<typeof modelSchema>;
export type ToolOffer = z.infer<typeof toolOfferSchema>;

/** One tool as an entry offers it. */
export interface ResolvedTool {
  tool: ImageTool;
  /** Credits per run (for upscale: at ×2). */
  cost: number;
  providerModel: string;
  strength: Range | undefined;
  factors: number[];
  negativePrompt: boolean;
  maxPromptLength: number;
}

/** The tool as this entry offers it, its defaults filled from the entry; undefined when not offered. */
export function toolOf(model: ModelConfig, tool: ImageTool): ResolvedTool | undefined {
  const offer = model.tools[tool];
  if (!offer) return undefined;
  return {
    tool,
    cost: offer.cost ?? model.cost,
    providerModel: offer.providerModel ?? model.providerModel,
    strength: offer.strength ?? (tool === 'img2img' || tool === 'variations' ? model.strength : undefined),
    factors: tool === 'upscale' ? (offer.factors ?? [...upscaleFactors]) : [],
    negativePrompt: offer.negativePrompt,
    maxPromptLength: Math.min(offer.maxPromptLength ?? model.maxPromptLength, model.maxPromptLength),
  };
}

/**
 * Whether a provider model makes grids and varies or upscales only its own
 * (KIE's Midjourney API, whose models config names `midjourney/…`): its
 * variations and upscale act on the parent's provider task, not on a file.
 */
export const makesGrids = (providerModel: string) => providerModel.startsWith('midjourney/');

/**
 * Images one task of this tool gives: a grid model's text run and its
 * variations give a grid; everything else (an upscale, any other tool) one.
 */
export function imagesPerTaskFor(model: Pick<ModelConfig, 'imagesPerTask'>, tool: GenerationTool): number {
  return tool === 'text' || tool === 'variations' ? model.imagesPerTask : 1;
}

type ModelEntry = z.input<typeof modelSchema>;

/** Variations stay close to their source: low image-to-image strength. */
const VARIATION_STRENGTH = { min: 0.1, max: 0.6, default: 0.35, step: 0.05 };

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
    tools: { edit: { providerModel: 'google/nano-banana-edit' } },
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
    tools: { edit: { providerModel: 'seedream/4.5-edit' } },
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
    // Remix (image to image), edit with a mask and character: Ideogram's own tools, priced per KIE's table (§2.3).
    tools: {
      img2img: { providerModel: 'ideogram/v3-remix', strength: { min: 0.05, max: 1, default: 0.7, step: 0.05 } },
      variations: { providerModel: 'ideogram/v3-remix', strength: VARIATION_STRENGTH },
      inpaint: { providerModel: 'ideogram/v3-edit', negativePrompt: false },
      character: { providerModel: 'ideogram/character', cost: 6 },
    },
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
    tools: {
      img2img: { providerModel: 'qwen/image-to-image', strength: { min: 0.05, max: 1, default: 0.8, step: 0.05 } },
      variations: { providerModel: 'qwen/image-to-image', strength: VARIATION_STRENGTH },
      edit: { providerModel: 'qwen/image-edit', cost: 3, maxPromptLength: 2000 },
    },
  },
  {
    // Upscale only (Topaz, by output size: ×4 costs twice ×2).
    id: 'topaz-upscale',
    name: 'Topaz upscale',
    providerModel: 'topaz/image-upscale',
    cost: 5,
    text: false,
    aspectRatios: [],
    maxReferences: 0,
    tools: { upscale: { factors: [2, 4] } },
  },
  {
    // Background removal only: a transparent PNG of the subject.
    id: 'recraft-remove-background',
    name: 'Recraft background removal',
    providerModel: 'recraft/remove-background',
    cost: 1,
    text: false,
    aspectRatios: [],
    maxReferences: 0,
    tools: { 'remove-background': {} },
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
    // Midjourney's own vary and upscale, on one image of a grid this entry made (grid-source.ts).
    // Vary makes a whole new grid of four, so it costs a run; an upscale is one image and KIE
    // prices it well below a grid (kie-tools.md §1.4), so it costs half.
    tools: { variations: {}, upscale: { cost: 2, factors: [2] } },
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

/**
 * What a self-hosted checkpoint does on an image: image to image and
 * variations (its strength), inpaint and upscale (×2 for the price of a
 * run, ×4 twice that).
 */
const LOCAL_TOOLS: ModelEntry['tools'] = {
  img2img: {},
  variations: { strength: VARIATION_STRENGTH },
  inpaint: {},
  upscale: { factors: [2, 4] },
};

/** Behind AUTOMATIC1111: steps, CFG and sampler as its API takes them, img2img strength 0.75 (its default). */
const a1111Models: ModelEntry[] = [
  {
    ...localCheckpoint,
    steps: { min: 1, max: 150, default: 28 },
    guidance: { min: 1, max: 30, default: 6, step: 0.5 },
    strength: { min: 0, max: 1, default: 0.75, step: 0.05 },
    samplers: ['Euler a', 'Euler', 'DPM++ 2M', 'DPM++ 2M SDE', 'DPM++ SDE', 'DDIM'],
    tools: LOCAL_TOOLS,
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
    tools: LOCAL_TOOLS,
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
