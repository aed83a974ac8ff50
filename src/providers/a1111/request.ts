import type { CreateTaskInput } from '../types.js';
import { a1111Error } from './errors.js';

/**
 * How AnimeGen's generic request maps onto stable-diffusion-webui's
 * txt2img / img2img fields (kie.md §2.5). Every sampling field is sent
 * explicitly so results do not change when someone edits the webui's UI
 * defaults.
 */

export interface A1111Defaults {
  steps: number;
  cfgScale: number;
  /** A sampler name the webui knows, e.g. 'Euler a' or 'DPM++ 2M'. */
  sampler: string;
  /** Pixels of the longer side; rounded to a multiple of 8. */
  longestSide: number;
  /** img2img only: how far the result may move away from the reference (0..1). */
  denoisingStrength: number;
  /** Sent when the user gave no negative prompt. */
  negativePrompt: string;
}

/**
 * Anime checkpoints of the SDXL family (Animagine, Pony, Illustrious) are
 * trained around one megapixel and are usually run with Euler a at ~28 steps
 * and CFG 5-7. SD 1.5 checkpoints want `longestSide: 768` or less.
 */
export const DEFAULT_A1111_SETTINGS: A1111Defaults = {
  steps: 28,
  cfgScale: 6,
  sampler: 'Euler a',
  longestSide: 1024,
  denoisingStrength: 0.75,
  negativePrompt: '',
};

/** img2img takes one init image; a second reference has nowhere to go. */
export const A1111_MAX_REFERENCES = 1;

const MIN_SIDE = 64;

/** The webui works in multiples of 8 pixels (the latent is 1/8 of the image). */
export const toMultipleOf8 = (n: number) => Math.max(MIN_SIDE, Math.round(n / 8) * 8);

/** Width and height for a ratio like `16:9`, the longer side `longestSide`; anything unparsable is square. */
export function dimensionsFor(aspectRatio: string, longestSide: number): { width: number; height: number } {
  const long = toMultipleOf8(longestSide);
  const match = /^(\d+):(\d+)$/.exec(aspectRatio);
  const w = Number(match?.[1] ?? 1);
  const h = Number(match?.[2] ?? 1);
  if (!(w > 0 && h > 0)) return { width: long, height: long };
  return w >= h ? { width: long, height: toMultipleOf8((long * h) / w) } : { width: toMultipleOf8((long * w) / h), height: long };
}

export interface GenerationRequest {
  /** extra-single-image is the Extras tab (upscale): it answers `image`, not `images`. */
  path: '/sdapi/v1/txt2img' | '/sdapi/v1/img2img' | '/sdapi/v1/extra-single-image';
  body: Record<string, unknown>;
}

/** Refuses what img2img cannot take, before anything is queued or sent. */
export function assertReferencesSupported(count: number): void {
  if (count > A1111_MAX_REFERENCES) {
    throw a1111Error(
      'references_not_supported',
      `a1111 takes at most ${A1111_MAX_REFERENCES} reference (the img2img init image), got ${count}`,
    );
  }
}

/**
 * The sampling fields every txt2img / img2img call carries, at `size`.
 * `checkpointTitle` undefined keeps whatever the webui has loaded.
 */
export function samplingBody(
  input: CreateTaskInput,
  defaults: A1111Defaults,
  size: { width: number; height: number },
  checkpointTitle?: string,
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    prompt: input.prompt,
    negative_prompt: input.negativePrompt?.trim() ? input.negativePrompt : defaults.negativePrompt,
    width: size.width,
    height: size.height,
    seed: input.seed,
    // The user's settings where the catalog offers them; the operator's defaults otherwise.
    steps: input.steps ?? defaults.steps,
    cfg_scale: input.guidance ?? defaults.cfgScale,
    sampler_name: input.sampler ?? defaults.sampler,
    batch_size: 1,
    n_iter: 1,
    // Keep results in memory only: we copy them into our own storage.
    save_images: false,
    send_images: true,
  };
  if (checkpointTitle) {
    body.override_settings = { sd_model_checkpoint: checkpointTitle };
    // The webui's default restores (reloads) the previous checkpoint after every call; with all
    // our calls on one checkpoint that would reload it twice per image.
    body.override_settings_restore_afterwards = false;
  }
  return body;
}

/**
 * The webui call for one text task: txt2img, or img2img with the reference as
 * init image. `checkpointTitle` undefined keeps whatever the webui has loaded.
 */
export function buildGenerationRequest(input: CreateTaskInput, defaults: A1111Defaults, checkpointTitle?: string): GenerationRequest {
  assertReferencesSupported(input.references.length);
  const body = samplingBody(input, defaults, dimensionsFor(input.aspectRatio, defaults.longestSide), checkpointTitle);
  const [reference] = input.references;
  if (!reference) return { path: '/sdapi/v1/txt2img', body };
  body.init_images = [reference.bytes.toString('base64')];
  body.denoising_strength = input.strength ?? defaults.denoisingStrength;
  return { path: '/sdapi/v1/img2img', body };
}
