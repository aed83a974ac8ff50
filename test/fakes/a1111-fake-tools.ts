import sharp from 'sharp';
import { renderFakeImage } from './a1111-fake.js';

/**
 * What the AUTOMATIC1111 fake makes of an img2img or Extras call, so tests see
 * a result plainly derived from the input: img2img blends the init image with
 * a fresh render by `denoising_strength`; with a `mask` it changes only where
 * the mask is white (black with `inpainting_mask_invert: 1`), so a mask sent
 * in the wrong colours shows; Extras resizes by `upscaling_resize`.
 */

export type Answer = { status: number; body: unknown };

/** Upscalers a stock webui lists in GET /sdapi/v1/upscalers. */
export const FAKE_UPSCALERS = ['None', 'Lanczos', 'Nearest', 'ESRGAN_4x', 'R-ESRGAN 4x+', 'R-ESRGAN 4x+ Anime6B', 'SwinIR 4x'];

/** FastAPI's 422 shape for one bad field. */
export const validationError = (field: string, msg: string): Answer => ({
  status: 422,
  body: { detail: [{ loc: ['body', field], msg, type: 'value_error' }] },
});

/** The webui's answer to base64 it cannot open (its decode_base64_to_image). */
const invalidImage: Answer = { status: 500, body: { error: 'HTTPException', detail: 'Invalid encoded image' } };

async function decode(value: unknown): Promise<Buffer | undefined> {
  if (typeof value !== 'string' || value === '') return undefined;
  const bytes = Buffer.from(value.replace(/^data:[^,]*,/, ''), 'base64');
  return (await sharp(bytes)
    .metadata()
    .catch(() => null))
    ? bytes
    : undefined;
}

const isIntIn = (v: unknown, min: number, max: number) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

/** The inpaint fields the webui validates (pydantic types), checked only when a mask is sent. */
function maskFieldProblem(body: Record<string, unknown>): Answer | undefined {
  if (body.inpainting_mask_invert !== undefined && !isIntIn(body.inpainting_mask_invert, 0, 1))
    return validationError('inpainting_mask_invert', 'must be 0 or 1');
  if (body.inpainting_fill !== undefined && !isIntIn(body.inpainting_fill, 0, 3)) return validationError('inpainting_fill', 'must be 0-3');
  if (body.mask_blur !== undefined && !isIntIn(body.mask_blur, 0, 64)) return validationError('mask_blur', 'must be 0-64');
  if (body.inpaint_full_res !== undefined && typeof body.inpaint_full_res !== 'boolean')
    return validationError('inpaint_full_res', 'value could not be parsed to a boolean');
  return undefined;
}

/** The img2img result: an Answer when the call is refused, else the PNG. */
export async function img2imgImage(body: Record<string, unknown>): Promise<Answer | Buffer> {
  const init = await decode(Array.isArray(body.init_images) ? body.init_images[0] : undefined);
  if (!init) return invalidImage;
  const strength = body.denoising_strength ?? 0.75;
  if (typeof strength !== 'number' || strength < 0 || strength > 1) return validationError('denoising_strength', 'must be 0-1');
  const [width, height] = [Number(body.width), Number(body.height)];
  const source = await sharp(init).resize(width, height, { fit: 'fill' }).removeAlpha().raw().toBuffer();
  const fresh = await sharp(await renderFakeImage(`img2img ${String(body.prompt)}`, Number(body.seed), width, height))
    .removeAlpha()
    .raw()
    .toBuffer();
  let change: (pixel: number) => number = () => strength;
  if (body.mask !== undefined) {
    const maskBytes = await decode(body.mask);
    if (!maskBytes) return invalidImage;
    const problem = maskFieldProblem(body);
    if (problem) return problem;
    const mask = await sharp(maskBytes)
      .flatten({ background: '#000' })
      .greyscale()
      .resize(width, height, { fit: 'fill' })
      .extractChannel(0)
      .raw()
      .toBuffer();
    const invert = body.inpainting_mask_invert === 1;
    change = (p) => strength * ((invert ? 255 - (mask[p] ?? 0) : (mask[p] ?? 0)) / 255);
  }
  const out = Buffer.alloc(width * height * 3);
  for (let i = 0; i < out.length; i++) {
    const k = change(Math.floor(i / 3));
    out[i] = Math.round((source[i] ?? 0) * (1 - k) + (fresh[i] ?? 0) * k);
  }
  return sharp(out, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

/** The Extras (extra-single-image) result: an Answer when refused, else the PNG. */
export async function extrasImage(body: Record<string, unknown>): Promise<Answer | Buffer> {
  const image = await decode(body.image);
  if (!image) return invalidImage;
  const factor = body.upscaling_resize ?? 2;
  if (typeof factor !== 'number' || factor < 1 || factor > 8) return validationError('upscaling_resize', 'must be 1-8');
  if (body.resize_mode !== undefined && !isIntIn(body.resize_mode, 0, 1)) return validationError('resize_mode', 'must be 0 or 1');
  const name = body.upscaler_1 ?? 'None';
  // The webui asserts in its postprocessing script; the API turns the AssertionError into a 500.
  if (typeof name !== 'string' || !FAKE_UPSCALERS.includes(name)) {
    return {
      status: 500,
      body: { error: 'AssertionError', detail: '', body: '', errors: `could not find upscaler named ${String(name)}` },
    };
  }
  const { width = 1, height = 1 } = await sharp(image).metadata();
  return sharp(image)
    .resize(Math.round(width * factor), Math.round(height * factor), { kernel: 'lanczos3' })
    .png()
    .toBuffer();
}
