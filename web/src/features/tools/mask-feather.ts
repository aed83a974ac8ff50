/**
 * Feathering for the exported mask: a blur of the white-on-black coverage,
 * done by hand (three box passes ≈ a Gaussian) so it is the same in every
 * browser, whatever canvas `filter` support it has.
 */

/** One horizontal then one vertical box blur of radius r over a w×h channel, in place. */
function boxPass(src: Float32Array, tmp: Float32Array, w: number, h: number, r: number): void {
  const span = 2 * r + 1;
  for (let y = 0; y < h; y++) {
    const row = y * w;
    let sum = 0;
    // Edges repeat the border pixel, so a mask touching the edge stays white there.
    for (let i = -r; i <= r; i++) sum += src[row + Math.min(w - 1, Math.max(0, i))]!;
    for (let x = 0; x < w; x++) {
      tmp[row + x] = sum / span;
      sum += src[row + Math.min(w - 1, x + r + 1)]! - src[row + Math.max(0, x - r)]!;
    }
  }
  for (let x = 0; x < w; x++) {
    let sum = 0;
    for (let i = -r; i <= r; i++) sum += tmp[Math.min(h - 1, Math.max(0, i)) * w + x]!;
    for (let y = 0; y < h; y++) {
      src[y * w + x] = sum / span;
      sum += tmp[Math.min(h - 1, y + r + 1) * w + x]! - tmp[Math.max(0, y - r) * w + x]!;
    }
  }
}

/**
 * RGBA pixels of a painted mask → the exported mask: opaque grey levels from
 * the red channel (white = change, black = keep), blurred by `radius` pixels.
 */
export function featherMask(rgba: Uint8ClampedArray, width: number, height: number, radius: number): Uint8ClampedArray<ArrayBuffer> {
  const level = new Float32Array(width * height);
  for (let i = 0; i < level.length; i++) level[i] = rgba[i * 4]!;
  const r = Math.max(0, Math.round(radius / 3));
  if (r > 0) {
    const tmp = new Float32Array(level.length);
    for (let pass = 0; pass < 3; pass++) boxPass(level, tmp, width, height, r);
  }
  const out = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < level.length; i++) {
    const v = Math.round(level[i]!);
    out[i * 4] = v;
    out[i * 4 + 1] = v;
    out[i * 4 + 2] = v;
    out[i * 4 + 3] = 255;
  }
  return out;
}
