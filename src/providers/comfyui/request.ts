import type { CreateTaskInput } from '../types.js';
import { comfyError } from './errors.js';
import type { FillValues, Workflow, Workflows } from './workflow.js';

/**
 * How AnimeGen's generic request maps onto a ComfyUI workflow: the size from
 * the aspect ratio, the sampler from the catalog's names, and which template
 * (txt2img, or img2img when a reference is given).
 */

/** img2img loads a single image; a second reference has nowhere to go. */
export const COMFY_MAX_REFERENCES = 1;

/**
 * SDXL's training buckets at about one megapixel: Illustrious, NoobAI,
 * Animagine and Pony draw best at these sizes.
 */
const SDXL_BUCKETS: Record<string, [number, number]> = {
  '1:1': [1024, 1024],
  '2:3': [832, 1216],
  '3:2': [1216, 832],
  '3:4': [896, 1152],
  '4:3': [1152, 896],
  '9:16': [768, 1344],
  '16:9': [1344, 768],
  '9:21': [640, 1536],
  '21:9': [1536, 640],
};

export const toMultipleOf8 = (n: number) => Math.max(64, Math.round(n / 8) * 8);

/**
 * Width and height for a ratio like `16:9` at `megapixels` (1 = SDXL's
 * native area): the SDXL bucket for common ratios, scaled; other ratios keep
 * the area; anything unparsable is square.
 */
export function dimensionsFor(aspectRatio: string, megapixels = 1): { width: number; height: number } {
  const scale = Math.sqrt(megapixels);
  const bucket = SDXL_BUCKETS[aspectRatio];
  if (bucket) return { width: toMultipleOf8(bucket[0] * scale), height: toMultipleOf8(bucket[1] * scale) };
  const match = /^(\d+):(\d+)$/.exec(aspectRatio);
  const w = Number(match?.[1] ?? 1);
  const h = Number(match?.[2] ?? 1);
  const ratio = w > 0 && h > 0 ? w / h : 1;
  const side = 1024 * scale;
  return { width: toMultipleOf8(side * Math.sqrt(ratio)), height: toMultipleOf8(side / Math.sqrt(ratio)) };
}

/**
 * The catalog names samplers as AUTOMATIC1111 does (what anime users know);
 * ComfyUI splits them into a sampler and a scheduler. A name not listed here
 * is sent as ComfyUI's own sampler name (`dpmpp_3m_sde`), or as
 * `sampler/scheduler` (`dpmpp_2m/karras`); ComfyUI refuses unknown ones.
 */
const SAMPLER_NAMES: Record<string, { sampler: string; scheduler?: string }> = {
  'Euler a': { sampler: 'euler_ancestral' },
  Euler: { sampler: 'euler' },
  Heun: { sampler: 'heun' },
  'DPM++ 2M': { sampler: 'dpmpp_2m' },
  'DPM++ 2M Karras': { sampler: 'dpmpp_2m', scheduler: 'karras' },
  'DPM++ 2M SDE': { sampler: 'dpmpp_2m_sde' },
  'DPM++ 2M SDE Karras': { sampler: 'dpmpp_2m_sde', scheduler: 'karras' },
  'DPM++ SDE': { sampler: 'dpmpp_sde' },
  'DPM++ SDE Karras': { sampler: 'dpmpp_sde', scheduler: 'karras' },
  DDIM: { sampler: 'ddim', scheduler: 'ddim_uniform' },
  UniPC: { sampler: 'uni_pc' },
};

/** ComfyUI's sampler and (when the name implies one) scheduler; undefined keeps the template's. */
export function samplerFor(name: string | undefined): { sampler?: string; scheduler?: string } {
  if (!name) return {};
  const known = SAMPLER_NAMES[name];
  if (known) return known;
  const [sampler, scheduler] = name.split('/');
  return scheduler ? { sampler, scheduler } : { sampler };
}

/** Refuses what the workflows cannot take, before anything is uploaded or queued. */
export function workflowFor(workflows: Workflows, referenceCount: number): Workflow {
  if (referenceCount > COMFY_MAX_REFERENCES) {
    throw comfyError(
      'references_not_supported',
      `comfyui takes at most ${COMFY_MAX_REFERENCES} reference (the img2img image), got ${referenceCount}`,
    );
  }
  if (referenceCount === 0) return workflows.txt2img;
  if (!workflows.img2img) throw comfyError('references_not_supported', 'no img2img.json in COMFYUI_WORKFLOWS_DIR');
  return workflows.img2img;
}

/** The template values for one task, apart from the uploaded image's name. */
export function fillValuesFor(input: CreateTaskInput, checkpoint: string, megapixels: number): FillValues {
  return {
    checkpoint,
    positive: input.prompt,
    negative: input.negativePrompt,
    seed: input.seed,
    steps: input.steps,
    cfg: input.guidance,
    ...samplerFor(input.sampler),
    ...dimensionsFor(input.aspectRatio, megapixels),
    denoise: input.strength,
  };
}
