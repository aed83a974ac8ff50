/**
 * NovelAI's hidden copy of its settings, which survives sites that strip PNG
 * text but keep the pixels: the lowest bit of each pixel's alpha, read column
 * by column (x outer, y inner), bytes most significant bit first. It starts
 * with a magic (`stealth_pngcomp`: gzip'd; `stealth_pnginfo`: plain), then a
 * 32-bit big-endian length in bits, then that many bits of JSON: the PNG text
 * keys (`Description`, `Software`, `Source`, `Comment`…) and their values.
 * Pure over RGBA bytes, so it runs the same on a canvas's pixels in the
 * browser and on a decoder's in a test.
 */

const MAGICS = { stealth_pngcomp: true, stealth_pnginfo: false } as const;
const MAGIC_BYTES = 15; // both magics are 15 characters

/** Reads `count` bytes from the alpha LSBs of `rgba` (width × height × 4), starting at bit `from`; null past the last pixel. */
export function alphaBytes(rgba: ArrayLike<number>, width: number, height: number, from: number, count: number): Uint8Array | null {
  if (from + count * 8 > width * height) return null;
  const out = new Uint8Array(count);
  for (let i = 0; i < count * 8; i++) {
    const bit = from + i;
    const x = Math.floor(bit / height);
    const y = bit % height;
    out[i >> 3] = (out[i >> 3]! << 1) | (rgba[(y * width + x) * 4 + 3]! & 1);
  }
  return out;
}

async function gunzip(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** The PNG text keys hidden in the alpha channel, or null when there is no (whole) hidden copy. */
export async function readStealthAlpha(rgba: ArrayLike<number>, width: number, height: number): Promise<Record<string, string> | null> {
  const magic = alphaBytes(rgba, width, height, 0, MAGIC_BYTES);
  const name = magic && new TextDecoder('latin1').decode(magic);
  if (!name || !(name in MAGICS)) return null;
  const size = alphaBytes(rgba, width, height, MAGIC_BYTES * 8, 4);
  if (!size) return null;
  const bits = new DataView(size.buffer).getUint32(0);
  const payload = alphaBytes(rgba, width, height, (MAGIC_BYTES + 4) * 8, Math.floor(bits / 8));
  if (!payload) return null;
  try {
    const json = new TextDecoder().decode(MAGICS[name as keyof typeof MAGICS] ? await gunzip(payload) : payload);
    const value: unknown = JSON.parse(json);
    if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
    const texts: Record<string, string> = {};
    for (const [k, v] of Object.entries(value)) {
      // `Comment` is a JSON string in the text chunk; some writers nest it as an object here.
      if (typeof v === 'string') texts[k] = v;
      else if (v && typeof v === 'object') texts[k] = JSON.stringify(v);
    }
    return texts;
  } catch {
    return null; // a damaged payload says nothing
  }
}

/** Whether a PNG's header says it has an alpha channel (colour type 4 or 6): only then can it hide a copy. */
export function pngHasAlpha(bytes: Uint8Array): boolean {
  return bytes.length > 25 && bytes[12] === 0x49 && (bytes[25] === 4 || bytes[25] === 6);
}
