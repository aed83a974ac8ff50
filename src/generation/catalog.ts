import { z } from 'zod';

/**
 * The models on offer: configuration (MODELS_JSON) with these defaults per provider.
 * With KIE (or the simulator) config also checks each entry against what the KIE model accepts.
 */
export const modelSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  providerModel: z.string().min(1),
  cost: z.number().int().positive(),
  aspectRatios: z.array(z.string().regex(/^(\d+:\d+)$/)).min(1),
  maxReferences: z.number().int().min(0).max(14),
  /** When true the model needs at least one reference image (edit models). */
  requiresReference: z.boolean().default(false),
  supportsNegativePrompt: z.boolean().default(false),
  maxPromptLength: z.number().int().positive().default(5000),
});
export type ModelConfig = z.infer<typeof modelSchema>;

/** Defaults chosen from KIE's Market models that suit anime work (the table in providers/kie/models.ts). */
export const defaultModels: ModelConfig[] = [
  {
    id: 'nano-banana',
    name: 'Nano Banana',
    providerModel: 'google/nano-banana',
    cost: 2,
    aspectRatios: ['1:1', '3:4', '4:3', '9:16', '16:9'],
    maxReferences: 0,
    requiresReference: false,
    supportsNegativePrompt: false,
    maxPromptLength: 5000,
  },
  {
    id: 'nano-banana-2',
    name: 'Nano Banana 2',
    providerModel: 'nano-banana-2',
    cost: 4,
    aspectRatios: ['1:1', '2:3', '3:2', '3:4', '4:3', '9:16', '16:9'],
    maxReferences: 4,
    requiresReference: false,
    supportsNegativePrompt: false,
    maxPromptLength: 20000,
  },
  {
    id: 'seedream-4-5',
    name: 'Seedream 4.5',
    providerModel: 'seedream/4.5-text-to-image',
    cost: 3,
    aspectRatios: ['1:1', '2:3', '3:2', '3:4', '4:3', '9:16', '16:9'],
    maxReferences: 0,
    requiresReference: false,
    supportsNegativePrompt: false,
    maxPromptLength: 3000,
  },
];

/** A self-hosted checkpoint behind AUTOMATIC1111: one model, negative prompts and one reference (img2img). */
export const defaultA1111Models: ModelConfig[] = [
  {
    id: 'local-anime',
    name: 'Local checkpoint',
    providerModel: 'default',
    cost: 1,
    aspectRatios: ['1:1', '2:3', '3:2', '3:4', '4:3', '9:16', '16:9'],
    maxReferences: 1,
    requiresReference: false,
    supportsNegativePrompt: true,
    maxPromptLength: 5000,
  },
];

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
