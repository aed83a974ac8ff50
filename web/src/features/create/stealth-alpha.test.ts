import { describe, expect, it } from 'vitest';
import { readStealthAlpha } from './stealth-alpha.js';

/** RGBA pixels with `data` in the alpha LSBs, column by column, as NovelAI writes them. */
function hide(data: Uint8Array, width: number, height: number): Uint8Array {
  const rgba = new Uint8Array(width * height * 4).fill(255);
  for (let bit = 0; bit < data.length * 8; bit++) {
    const at = ((bit % height) * width + Math.floor(bit / height)) * 4 + 3;
    rgba[at] = 0xfe | ((data[bit >> 3]! >> (7 - (bit & 7))) & 1);
  }
  return rgba;
}

function payload(magic: string, json: string, claimedBits?: number): Uint8Array {
  const body = new TextEncoder().encode(json);
  const out = new Uint8Array(magic.length + 4 + body.length);
  out.set(new TextEncoder().encode(magic));
  new DataView(out.buffer).setUint32(magic.length, claimedBits ?? body.length * 8);
  out.set(body, magic.length + 4);
  return out;
}

describe('the settings hidden in the alpha channel', () => {
  const json = JSON.stringify({ Description: 'a snow fox', Software: 'NovelAI', Comment: { uc: 'blurry', seed: 7 } });

  it('reads the plain variant on raw pixels, a nested Comment given back as JSON text', async () => {
    const rgba = hide(payload('stealth_pnginfo', json), 30, 50);
    expect(await readStealthAlpha(rgba, 30, 50)).toEqual({
      Description: 'a snow fox',
      Software: 'NovelAI',
      Comment: '{"uc":"blurry","seed":7}',
    });
  });

  it('says nothing for opaque pixels, another magic, a length past the last pixel, or a payload that is not JSON', async () => {
    expect(await readStealthAlpha(new Uint8Array(30 * 50 * 4).fill(255), 30, 50)).toBeNull();
    expect(await readStealthAlpha(hide(payload('stealth_rgbinfo', json), 30, 50), 30, 50)).toBeNull();
    expect(await readStealthAlpha(hide(payload('stealth_pnginfo', json, 1_000_000), 30, 50), 30, 50)).toBeNull();
    expect(await readStealthAlpha(hide(payload('stealth_pngcomp', json), 30, 50), 30, 50)).toBeNull(); // says gzip, is not
    expect(await readStealthAlpha(hide(payload('stealth_pnginfo', json), 30, 50), 50, 30)).toBeNull(); // read row by row
  });
});
