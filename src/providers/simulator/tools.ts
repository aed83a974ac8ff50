import sharp, { type Sharp } from 'sharp';

/**
 * What the simulator's image-tool models make of their source, so that tests
 * and the demo see a result that is plainly derived from it: upscale grows it
 * by the factor, background removal cuts the subject out on transparency,
 * image to image blends the source with a new render by the strength, and
 * inpaint repaints only where the mask says (Ideogram's convention: BLACK
 * changes, kie-tools.md §2.2), so a mask sent in the wrong colours shows.
 */

export type ReadImage = (url: string) => Promise<Buffer>;
type RenderNew = () => Promise<Buffer>;

const TOOL_MODELS = new Set([
  'topaz/image-upscale',
  'recraft/remove-background',
  'qwen/image-to-image',
  'qwen/image-edit',
  'ideogram/v3-remix',
  'ideogram/v3-edit',
  'ideogram/character',
]);

export const isToolModel = (model: string) => TOOL_MODELS.has(model);

/** A render the source's size, to blend or paint with. */
async function freshAt(render: RenderNew, width: number, height: number): Promise<Buffer> {
  return sharp(await render())
    .resize(width, height, { fit: 'fill' })
    .removeAlpha()
    .raw()
    .toBuffer();
}

/** The result PNG of a tool model, from its input (the source read by URL). */
export async function renderTool(model: string, input: Record<string, unknown>, read: ReadImage, render: RenderNew): Promise<Buffer> {
  if (model === 'ideogram/character') return render();
  const source = sharp(await read(String(input.image_url ?? input.image)));
  const { width = 1, height = 1 } = await source.metadata();
  switch (model) {
    case 'topaz/image-upscale': {
      const factor = Number(input.upscale_factor ?? 2);
      return source
        .resize(width * factor, height * factor, { kernel: 'lanczos3' })
        .png()
        .toBuffer();
    }
    case 'recraft/remove-background':
      return cutOut(source, width, height);
    case 'ideogram/v3-edit':
      return inpaint(source, await read(String(input.mask_url)), width, height, render);
    default: {
      // img2img, remix, edit: the further from the source, the more of the new render shows.
      const strength = typeof input.strength === 'number' ? input.strength : 0.5;
      return blend(source, width, height, await freshAt(render, width, height), strength);
    }
  }
}

async function blend(source: Sharp, width: number, height: number, fresh: Buffer, strength: number): Promise<Buffer> {
  const base = await source.removeAlpha().raw().toBuffer();
  const out = Buffer.alloc(base.length);
  for (let i = 0; i < base.length; i++) out[i] = Math.round((base[i] ?? 0) * (1 - strength) + (fresh[i] ?? 0) * strength);
  return sharp(out, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

/** The subject as a centred ellipse on transparency: a PNG with an alpha channel, as Recraft gives. */
async function cutOut(source: Sharp, width: number, height: number): Promise<Buffer> {
  const rgb = await source.removeAlpha().raw().toBuffer();
  const rgba = Buffer.alloc(width * height * 4);
  const [cx, cy, rx, ry] = [width / 2, height / 2, width * 0.35, height * 0.42];
  for (let p = 0; p < width * height; p++) {
    const x = p % width;
    const y = Math.floor(p / width);
    rgb.copy(rgba, p * 4, p * 3, p * 3 + 3);
    rgba[p * 4 + 3] = ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1 ? 255 : 0;
  }
  return sharp(rgba, { raw: { width, height, channels: 4 } })
    .png()
    .toBuffer();
}

/** Repaints where the mask is black (Ideogram's convention), keeping every other pixel of the source. */
async function inpaint(source: Sharp, maskBytes: Buffer, width: number, height: number, render: RenderNew): Promise<Buffer> {
  const base = await source.removeAlpha().raw().toBuffer();
  const fresh = await freshAt(render, width, height);
  const mask = await sharp(maskBytes).resize(width, height, { fit: 'fill' }).greyscale().toColourspace('b-w').raw().toBuffer();
  const out = Buffer.alloc(base.length);
  for (let p = 0; p < width * height; p++) {
    const change = 1 - (mask[p] ?? 255) / 255;
    for (let c = 0; c < 3; c++) {
      const i = p * 3 + c;
      out[i] = Math.round((base[i] ?? 0) * (1 - change) + (fresh[i] ?? 0) * change);
    }
  }
  return sharp(out, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}
