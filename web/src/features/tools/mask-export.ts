import { featherMask } from './mask-feather.js';
import { drawStrokes, type Stroke } from './mask-strokes.js';

/**
 * The mask as the server takes it (contracts/tools.ts): a PNG at the source's
 * natural size, white where painted, black elsewhere, the edge feathered.
 */
export async function exportMask(strokes: readonly Stroke[], natural: { width: number; height: number }, feather: number): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = natural.width;
  canvas.height = natural.height;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('no 2d canvas');
  ctx.fillStyle = '#000';
  ctx.fillRect(0, 0, natural.width, natural.height);
  drawStrokes(ctx, strokes, '#fff', '#000');
  const pixels = ctx.getImageData(0, 0, natural.width, natural.height);
  ctx.putImageData(new ImageData(featherMask(pixels.data, natural.width, natural.height, feather), natural.width, natural.height), 0, 0);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('toBlob failed'))), 'image/png'));
}
