import sharp, { type Sharp } from 'sharp';
import { renderFakeImage } from './a1111-fake.js';
import type { Graph } from './comfyui-fake-graph.js';

/**
 * Runs a validated graph the way ComfyUI would, with pictures instead of a
 * model: a KSampler on an empty latent draws a fresh image from prompt and
 * seed; on an encoded image it blends that image with a fresh render by
 * `denoise`, and with a SetLatentNoiseMask only where the mask is set, the
 * mask being LoadImage's 1 − alpha (so only transparent pixels change).
 * Image scaling nodes resize. Results are real PNGs derived from the uploads.
 */

interface Picture {
  /** Raw RGB. */
  data: Buffer;
  width: number;
  height: number;
}

/** One byte a pixel: 255 repaints, 0 keeps. */
type Mask = Picture;

interface Latent {
  width: number;
  height: number;
  /** Set for an encoded image (and for a sampler's result). */
  picture?: Picture;
  mask?: Mask;
}

type Link = [string, number];

const asLink = (value: unknown): Link => {
  if (!Array.isArray(value) || typeof value[0] !== 'string' || typeof value[1] !== 'number') throw new Error('not a link');
  return [value[0], value[1]];
};

async function raw(image: Sharp): Promise<Picture> {
  const { data, info } = await image.removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

const pictureOf = (p: Picture) => sharp(p.data, { raw: { width: p.width, height: p.height, channels: 3 } });

export function createGraphRunner(graph: Graph, inputFiles: Map<string, Buffer>) {
  const nodeOf = (link: Link) => {
    const node = graph[link[0]];
    if (!node) throw new Error(`no node ${link[0]}`);
    return { cls: String(node.class_type), inputs: node.inputs ?? {} };
  };
  const fileOf = (name: unknown) => {
    const bytes = inputFiles.get(String(name));
    if (!bytes) throw new Error(`no input file ${String(name)}`);
    return bytes;
  };

  async function image(link: Link): Promise<Picture> {
    const { cls, inputs } = nodeOf(link);
    switch (cls) {
      case 'LoadImage':
        return raw(sharp(fileOf(inputs.image)));
      case 'ImageScale': {
        const from = await image(asLink(inputs.image));
        const [w, h] = [Number(inputs.width), Number(inputs.height)];
        // 0 keeps the aspect from the other side, as ComfyUI does.
        const width = w || Math.round((from.width * h) / from.height);
        const height = h || Math.round((from.height * w) / from.width);
        return raw(pictureOf(from).resize(width, height, { fit: 'fill' }));
      }
      case 'ImageScaleBy': {
        const from = await image(asLink(inputs.image));
        const by = Number(inputs.scale_by);
        return raw(pictureOf(from).resize(Math.round(from.width * by), Math.round(from.height * by), { fit: 'fill', kernel: 'lanczos3' }));
      }
      case 'VAEDecode': {
        const latent = await sample(asLink(inputs.samples));
        return latent.picture ?? raw(sharp({ create: { width: latent.width, height: latent.height, channels: 3, background: '#808080' } }));
      }
      default:
        throw new Error(`the fake cannot run ${cls} for an IMAGE`);
    }
  }

  async function mask(link: Link): Promise<Mask> {
    const { cls, inputs } = nodeOf(link);
    if (cls !== 'LoadImage' || link[1] !== 1) throw new Error(`the fake cannot run ${cls} for a MASK`);
    const file = sharp(fileOf(inputs.image));
    const { width = 64, height = 64, hasAlpha } = await file.metadata();
    // Without alpha ComfyUI's LoadImage gives an empty 64 × 64 mask.
    if (!hasAlpha) return { data: Buffer.alloc(64 * 64), width: 64, height: 64 };
    const alpha = await file.extractChannel(3).raw().toBuffer();
    return { data: Buffer.from(alpha.map((a) => 255 - a)), width, height };
  }

  async function sample(link: Link): Promise<Latent> {
    const { cls, inputs } = nodeOf(link);
    switch (cls) {
      case 'EmptyLatentImage':
        return { width: Number(inputs.width), height: Number(inputs.height) };
      case 'VAEEncode': {
        const picture = await image(asLink(inputs.pixels));
        return { width: picture.width, height: picture.height, picture };
      }
      case 'SetLatentNoiseMask':
        return { ...(await sample(asLink(inputs.samples))), mask: await mask(asLink(inputs.mask)) };
      case 'KSampler':
        return ksampler(inputs);
      default:
        throw new Error(`the fake cannot run ${cls} for a LATENT`);
    }
  }

  async function ksampler(inputs: Record<string, unknown>): Promise<Latent> {
    const from = await sample(asLink(inputs.latent_image));
    const prompt = String(nodeOf(asLink(inputs.positive)).inputs.text ?? '');
    const seed = Number(inputs.seed ?? inputs.noise_seed);
    const { width, height } = from;
    if (!from.picture) return { width, height, picture: await raw(sharp(await renderFakeImage(prompt, seed, width, height))) };
    const fresh = await raw(sharp(await renderFakeImage(`img2img ${prompt}`, seed, width, height)));
    const denoise = Number(inputs.denoise);
    // ComfyUI stretches the noise mask to the latent.
    const repaint = from.mask
      ? await sharp(from.mask.data, { raw: { width: from.mask.width, height: from.mask.height, channels: 1 } })
          .resize(width, height, { fit: 'fill' })
          .extractChannel(0)
          .raw()
          .toBuffer()
      : undefined;
    const out = Buffer.alloc(width * height * 3);
    for (let i = 0; i < out.length; i++) {
      const k = denoise * (repaint ? (repaint[Math.floor(i / 3)] ?? 0) / 255 : 1);
      out[i] = Math.round((from.picture.data[i] ?? 0) * (1 - k) + (fresh.data[i] ?? 0) * k);
    }
    return { width, height, picture: { data: out, width, height } };
  }

  /** The PNG an output node (SaveImage) saves. */
  return async function output(id: string): Promise<Buffer> {
    const picture = await image(asLink(graph[id]?.inputs?.images));
    return pictureOf(picture).png().toBuffer();
  };
}
