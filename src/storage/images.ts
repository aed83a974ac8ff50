import sharp, { type Metadata, type Sharp } from 'sharp';
import { AppError } from '../lib/errors.js';
import { stripMetadata } from './strip-metadata.js';
import type { ImageFormat, ImageProcessor, ProcessedImage } from './types.js';

const THUMBNAIL_SIZE = 512;
const PREVIEW_SIZE = 1536;
const damaged = () => new AppError('unsupported_image', 'That image is damaged or truncated.');

/**
 * sharp-backed image processing with byte and pixel limits (pixel floods are
 * refused from the header, before decoding).
 *
 * Metadata is removed from the file's container (PNG chunks, JPEG segments,
 * WebP chunks) rather than by re-encoding: the stored original keeps its exact
 * pixels (no second JPEG compression) and we skip an encode that cost more than
 * the whole thumbnail (PNG at level 9: ~19 ms for 1024 px). The one full decode
 * that makes the thumbnail also proves the stored bytes are a whole, readable
 * image. Only an image that must be turned upright (EXIF orientation) or whose
 * container we cannot walk is re-encoded, as before.
 */
export function createImageProcessor(limits: { maxBytes: number; maxPixels: number }): ImageProcessor {
  // Every image we see is new, so libvips' operation cache would only hold memory.
  sharp.cache(false);
  async function clean(bytes: Buffer, maxPixels: number): Promise<ProcessedImage & { thumbnail: Buffer }> {
    const meta = await header(bytes, maxPixels);
    const format = meta.format as ImageFormat;
    const stripped = (meta.orientation ?? 1) === 1 ? stripMetadata(bytes, format) : null;
    const kept = stripped ?? (await reencode(bytes, maxPixels, format));
    const thumbnail = await sharp(kept, { limitInputPixels: maxPixels, failOn: 'error' })
      .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer()
      .catch(() => Promise.reject(damaged()));
    // Upright dimensions: a re-encoded image was rotated, a stripped one had no rotation to apply.
    const [width, height] = stripped ? [meta.width ?? 0, meta.height ?? 0] : await dimensions(kept);
    return { bytes: kept, format, contentType: `image/${format}`, width, height, thumbnail };
  }

  return {
    async validateUpload(bytes) {
      if (bytes.length === 0) throw new AppError('unsupported_image', 'That file is empty.');
      if (bytes.length > limits.maxBytes) {
        throw new AppError('image_too_large', `Images can be at most ${Math.round(limits.maxBytes / 1024 / 1024)} MB.`);
      }
      const { thumbnail: _, ...image } = await clean(bytes, limits.maxPixels);
      return image;
    },
    async ingestResult(bytes) {
      // Provider results can be larger than uploads (4K); the cap guards memory.
      return clean(bytes, Math.max(limits.maxPixels, 64_000_000));
    },
    async preview(bytes) {
      return sharp(bytes).resize(PREVIEW_SIZE, PREVIEW_SIZE, { fit: 'inside', withoutEnlargement: true }).webp({ quality: 86 }).toBuffer();
    },
  };
}

/** The header only: format, pages, dimensions, orientation. Refuses what we do not store. */
async function header(bytes: Buffer, maxPixels: number): Promise<Metadata> {
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw new AppError('unsupported_image', 'That file is not an image we can read. Use PNG, JPEG or WebP.');
  }
  if (meta.format !== 'png' && meta.format !== 'jpeg' && meta.format !== 'webp') {
    throw new AppError('unsupported_image', 'Only PNG, JPEG and WebP images are accepted.');
  }
  if ((meta.pages ?? 1) > 1) throw new AppError('unsupported_image', 'Animated images are not accepted.');
  if ((meta.width ?? 0) * (meta.height ?? 0) > maxPixels) {
    throw new AppError('image_too_large', `That image has too many pixels (at most ${Math.round(maxPixels / 1e6)} megapixels).`);
  }
  return meta;
}

/** Turned upright and re-encoded, which drops metadata and anything appended to the file. */
async function reencode(bytes: Buffer, maxPixels: number, format: ImageFormat): Promise<Buffer> {
  return encode(sharp(bytes, { limitInputPixels: maxPixels, failOn: 'error' }).rotate(), format)
    .toBuffer()
    .catch(() => Promise.reject(damaged()));
}

async function dimensions(bytes: Buffer): Promise<[number, number]> {
  const { width, height } = await sharp(bytes).metadata();
  return [width ?? 0, height ?? 0];
}

function encode(pipeline: Sharp, format: ImageFormat): Sharp {
  switch (format) {
    case 'png':
      return pipeline.png({ compressionLevel: 9 });
    case 'jpeg':
      return pipeline.jpeg({ quality: 92, mozjpeg: true });
    case 'webp':
      return pipeline.webp({ quality: 92 });
    default: {
      const never: never = format;
      throw new Error(`unknown format ${never}`);
    }
  }
}
