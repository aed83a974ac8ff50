import sharp from 'sharp';
import type { ReferenceImage } from './types.js';

/**
 * Masks arrive in AnimeGen's convention (contracts/tools.ts: a PNG at the
 * source's size, WHITE where to change). Providers disagree on the colour, so
 * each adapter converts with these before sending; contract tests pin each.
 */

/** The mask as a single-channel PNG where `changes` is the colour of the area to repaint. */
export async function maskInConvention(mask: ReferenceImage, changes: 'white' | 'black'): Promise<ReferenceImage> {
  let image = sharp(mask.bytes).flatten({ background: '#000' }).greyscale();
  if (changes === 'black') image = image.negate({ alpha: false });
  // greyscale() alone still writes three channels; one band makes the PNG grey.
  const bytes = await image.extractChannel(0).png().toBuffer();
  return { ...mask, name: mask.name.replace(/\.[a-z0-9]+$/i, '.png'), bytes, contentType: 'image/png' };
}

/**
 * The source with the mask in its alpha channel, transparent where to change:
 * ComfyUI's LoadImage gives 1 − alpha as its MASK output (kie-tools.md §3.5).
 * The mask is resized to the source should the two differ by rounding. The
 * RGBA pixels are built by hand: sharp's joinChannel with a raw buffer quietly
 * gave a PNG without alpha.
 */
export async function sourceWithMaskAsAlpha(source: ReferenceImage, mask: ReferenceImage): Promise<ReferenceImage> {
  const { data: rgb, info } = await sharp(source.bytes).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  const { width, height } = info;
  const change = await sharp(mask.bytes)
    .flatten({ background: '#000' })
    .greyscale()
    .resize(width, height, { fit: 'fill' })
    .extractChannel(0)
    .raw()
    .toBuffer();
  const rgba = Buffer.alloc(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    rgb.copy(rgba, p * 4, p * info.channels, p * info.channels + 3);
    rgba[p * 4 + 3] = 255 - (change[p] ?? 0);
  }
  const bytes = await sharp(rgba, { raw: { width, height, channels: 4 } })
    .png()
    .toBuffer();
  return { ...source, name: source.name.replace(/\.[a-z0-9]+$/i, '.png'), bytes, contentType: 'image/png' };
}
