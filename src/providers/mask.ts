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
  const bytes = await image.png().toBuffer();
  return { ...mask, name: mask.name.replace(/\.[a-z0-9]+$/i, '.png'), bytes, contentType: 'image/png' };
}

/**
 * The source with the mask in its alpha channel, transparent where to change:
 * ComfyUI's LoadImage gives 1 − alpha as its MASK output (kie-tools.md §3.5).
 * The mask is resized to the source should the two differ by rounding.
 */
export async function sourceWithMaskAsAlpha(source: ReferenceImage, mask: ReferenceImage): Promise<ReferenceImage> {
  const base = sharp(source.bytes).removeAlpha();
  const { width, height } = await base.metadata();
  const keep = await sharp(mask.bytes)
    .flatten({ background: '#000' })
    .greyscale()
    .resize(width, height, { fit: 'fill' })
    .negate({ alpha: false })
    .toColourspace('b-w')
    .raw()
    .toBuffer();
  const bytes = await base
    .joinChannel(keep, { raw: { width: width ?? 1, height: height ?? 1, channels: 1 } })
    .png()
    .toBuffer();
  return { ...source, name: source.name.replace(/\.[a-z0-9]+$/i, '.png'), bytes, contentType: 'image/png' };
}
