import { describe, expect, it } from 'vitest';
import { featherMask } from './mask-feather.js';

/** A w×h RGBA mask, white inside the rectangle [x0, x1) × [y0, y1). */
function rect(w: number, h: number, x0: number, x1: number, y0: number, y1: number) {
  const px = new Uint8ClampedArray(w * h * 4);
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) px.fill(255, (y * w + x) * 4, (y * w + x) * 4 + 4);
  return px;
}
const at = (px: Uint8ClampedArray, w: number, x: number, y: number) => px[(y * w + x) * 4];

describe('featherMask', () => {
  it('without feather gives the painted pixels back as opaque white on black', () => {
    const out = featherMask(rect(8, 8, 2, 4, 2, 4), 8, 8, 0);
    expect(at(out, 8, 2, 2)).toBe(255);
    expect(at(out, 8, 5, 5)).toBe(0);
    expect(out[(5 * 8 + 5) * 4 + 3]).toBe(255);
  });

  it('softens the edge to grey but keeps the middle white and far pixels black', () => {
    const w = 64;
    const out = featherMask(rect(w, w, 16, 48, 16, 48), w, w, 6);
    expect(at(out, w, 32, 32)).toBe(255);
    expect(at(out, w, 2, 2)).toBe(0);
    const edge = at(out, w, 16, 32)!;
    expect(edge).toBeGreaterThan(40);
    expect(edge).toBeLessThan(215);
    // Brightness falls steadily across the edge.
    expect(at(out, w, 13, 32)!).toBeLessThan(edge);
    expect(at(out, w, 19, 32)!).toBeGreaterThan(edge);
  });

  it('keeps a mask that touches the border white at the border', () => {
    const out = featherMask(rect(16, 16, 0, 16, 0, 8), 16, 16, 3);
    expect(at(out, 16, 0, 0)).toBe(255);
    expect(at(out, 16, 8, 15)).toBe(0);
  });
});
