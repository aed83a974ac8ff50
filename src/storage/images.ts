import sharp, { type Metadata, type Sharp } from 'sharp';
import { AppError } from '../lib/errors.js';
import type { ImageFormat, ImageProcessor, ProcessedImage } from './types.js';

const THUMBNAIL_SIZE = 512;
const PREVIEW_SIZE = 1536;

/** sharp-backed image processing with byte and pixel limits (pixel floods are refused before decoding). */
export function createImageProcessor(limits: { maxBytes: number; maxPixels: number }): ImageProcessor {
  async function decode(bytes: Buffer, maxPixels: number): Promise<ProcessedImage> {
    let meta: Metadata;
    try {
      meta = await sharp(bytes, { limitInputPixels: false }).metadata();
    } catch {
      throw new AppError('unsupported_image', 'That file is not an image we can read. Use PNG, JPEG or WebP.');
    }
    const format = meta.format;
    if (format !== 'png' && format !== 'jpeg' && format !== 'webp') {
      throw new AppError('unsupported_image', 'Only PNG, JPEG and WebP images are accepted.');
    }
    if ((meta.pages ?? 1) > 1) throw new AppError('unsupported_image', 'Animated images are not accepted.');
    const width = meta.width ?? 0;
    const height = meta.height ?? 0;
    if (width * height > maxPixels) {
      throw new AppError('image_too_large', `That image has too many pixels (at most ${Math.round(maxPixels / 1e6)} megapixels).`);
    }
    try {
      // Re-encoding drops metadata (EXIF, GPS) and anything appended to the file.
      const pipeline = sharp(bytes, { limitInputPixels: maxPixels, failOn: 'error' }).rotate();
      const encoded = await encode(pipeline, format).toBuffer({ resolveWithObject: true });
      return {
        bytes: encoded.data,
        format,
        contentType: `image/${format}` as const,
        width: encoded.info.width,
        height: encoded.info.height,
      };
    } catch {
      throw new AppError('unsupported_image', 'That image is damaged or truncated.');
    }
  }

  return {
    async validateUpload(bytes) {
      if (bytes.length === 0) throw new AppError('unsupported_image', 'That file is empty.');
      if (bytes.length > limits.maxBytes) {
        throw new AppError('image_too_large', `Images can be at most ${Math.round(limits.maxBytes / 1024 / 1024)} MB.`);
      }
      return decode(bytes, limits.maxPixels);
    },
    async normaliseResult(bytes) {
      // Provider results can be larger than uploads (4K); the cap guards memory.
      return decode(bytes, Math.max(limits.maxPixels, 64_000_000));
    },
    async thumbnail(bytes) {
      return sharp(bytes)
        .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 80 })
        .toBuffer();
    },
    async preview(bytes) {
      return sharp(bytes).resize(PREVIEW_SIZE, PREVIEW_SIZE, { fit: 'inside', withoutEnlargement: true }).webp({ quality: 86 }).toBuffer();
    },
  };
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
