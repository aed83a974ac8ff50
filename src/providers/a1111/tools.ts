import sharp from 'sharp';
import type { ImageTool } from '../../contracts/tools.js';
import { maskInConvention } from '../mask.js';
import { A1111_TOOLS } from '../tools.js';
import type { CreateTaskInput, ReferenceImage } from '../types.js';
import { a1111Error } from './errors.js';
import { type A1111Defaults, type GenerationRequest, samplingBody, toMultipleOf8 } from './request.js';

/**
 * The image tools on the webui's own API: img2img and variations are img2img
 * on the source; inpaint is img2img with a mask; upscale is the Extras tab
 * (extra-single-image) with an upscaler model. Every field that decides the
 * result is sent, so the webui's UI settings never change it.
 */

/** An anime-trained ESRGAN that ships with the webui; A1111_UPSCALER names another. */
export const DEFAULT_A1111_UPSCALER = 'R-ESRGAN 4x+ Anime6B';

/** Pixels of soft edge A1111 gives the mask: small, so the unpainted area stays as it was. */
const MASK_BLUR = 4;
/** inpainting_fill 1 = "original": the masked area starts from the source's colours, as ordinary checkpoints need. */
const FILL_ORIGINAL = 1;

/** The tool a task asks for, refused (permanent) when this adapter cannot do it or it has no source. */
export function toolOfTask(input: CreateTaskInput): ImageTool | undefined {
  const tool = input.tool ?? 'text';
  if (tool === 'text') return undefined;
  if (!A1111_TOOLS.includes(tool)) throw a1111Error('invalid_input', `the a1111 adapter does not do ${tool}`);
  if (!input.source) throw a1111Error('invalid_input', `${tool} needs a source image`);
  if (tool === 'inpaint' && !input.mask) throw a1111Error('invalid_input', 'inpaint needs a mask');
  return tool;
}

async function sizeOf(image: ReferenceImage): Promise<{ width: number; height: number }> {
  const { width, height } = await sharp(image.bytes)
    .metadata()
    .catch(() => ({ width: undefined, height: undefined }));
  if (!width || !height) throw a1111Error('invalid_input', `${image.name}: the source is not an image sharp can read`);
  return { width, height };
}

const base64 = (image: ReferenceImage) => image.bytes.toString('base64');

/**
 * The webui call for one image-tool task. img2img and inpaint draw at the
 * source's own size, each side rounded to the multiple of 8 the latent needs.
 */
export async function buildToolRequest(
  tool: ImageTool,
  input: CreateTaskInput & { source: ReferenceImage },
  defaults: A1111Defaults,
  options: { checkpointTitle?: string; upscaler: string },
): Promise<GenerationRequest> {
  const { source } = input;
  const size = await sizeOf(source);
  if (tool === 'upscale') {
    const factor = input.factor ?? 2;
    if (factor !== 2 && factor !== 4) throw a1111Error('invalid_input', `upscale by ${factor}: only 2 and 4 are offered`);
    return {
      path: '/sdapi/v1/extra-single-image',
      // resize_mode 0 scales by upscaling_resize; face restorers off, so only the upscaler touches the image.
      body: {
        image: base64(source),
        resize_mode: 0,
        upscaling_resize: factor,
        upscaler_1: options.upscaler,
        upscaler_2: 'None',
        extras_upscaler_2_visibility: 0,
        gfpgan_visibility: 0,
        codeformer_visibility: 0,
      },
    };
  }
  const drawAt = { width: toMultipleOf8(size.width), height: toMultipleOf8(size.height) };
  const body = samplingBody(input, defaults, drawAt, options.checkpointTitle);
  body.init_images = [base64(source)];
  body.denoising_strength = input.strength ?? defaults.denoisingStrength;
  // resize_mode 0 ("just resize"): the init image is stretched to width × height, a few pixels at most.
  body.resize_mode = 0;
  if (tool === 'inpaint' && input.mask) {
    // A1111 repaints WHITE unless inpainting_mask_invert is 1: our convention as it is, sent explicitly.
    body.mask = base64(await maskInConvention(input.mask, 'white'));
    body.inpainting_mask_invert = 0;
    body.mask_blur = MASK_BLUR;
    body.inpainting_fill = FILL_ORIGINAL;
    // The whole picture at its size, not a crop around the mask scaled up (inpaint_full_res).
    body.inpaint_full_res = false;
  }
  return { path: '/sdapi/v1/img2img', body };
}
