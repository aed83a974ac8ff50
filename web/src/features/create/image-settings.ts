import { comfySettings } from './comfyui-settings.js';
import { exifTexts, findExif } from './exif-text.js';
import { num, parseJson, ratioOfSize, str } from './settings-values.js';
import { pngHasAlpha, readStealthAlpha } from './stealth-alpha.js';
import { fooocusSettings, invokeSettings, novelaiSettings, swarmSettings } from './tool-settings.js';

/**
 * Reads the settings other generators (and our own downloads) write into an
 * image, in the browser: the file is never uploaded for this. Where each
 * tool keeps them, from its own documentation:
 * - AnimeGen: `animegen` JSON (`v`, `model`, `prompt`, `negative`, `aspectRatio`, `size`);
 * - A1111 / Forge (and Civitai, Tensor.Art, Fooocus in A1111 mode): `parameters`,
 *   the "infotext": prompt lines, an optional `Negative prompt:` line, then one
 *   line of `Key: value` pairs (values with commas or colons JSON-quoted);
 * - SwarmUI and Fooocus (its own scheme): `parameters` as JSON (tool-settings.ts);
 * - InvokeAI: `invokeai_metadata` (older: `sd-metadata` JSON, `Dream` command line) (tool-settings.ts);
 * - ComfyUI: `prompt`, the graph as run (comfyui-settings.ts);
 * - NovelAI: `Software` = NovelAI, `Description` (prompt) and `Comment` JSON,
 *   and the same hidden in the alpha channel's lowest bits (stealth-alpha.ts).
 * A PNG keeps them in text chunks; a JPEG or WebP in EXIF (exif-text.ts).
 */

export interface ImageSettings {
  /** Who wrote them. */
  source: 'animegen' | 'a1111' | 'novelai' | 'comfyui' | 'invokeai' | 'fooocus' | 'swarmui';
  prompt: string;
  negativePrompt?: string;
  /** The model as the file names it (an id of ours, or another tool's checkpoint name). */
  model?: string;
  aspectRatio?: string;
  width?: number;
  height?: number;
  /** What the file holds that Create has no control for (seed, steps, sampler…), by name. */
  other: Record<string, string>;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Inflates zlib data (a compressed iTXt) with the browser's own decompressor. */
async function inflate(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** The text chunks of a PNG (tEXt, iTXt, zTXt), keyword → text; empty for anything that is not a PNG. */
export async function readPngText(bytes: Uint8Array): Promise<Record<string, string>> {
  const texts: Record<string, string> = {};
  if (bytes.length < 8 || SIGNATURE.some((b, i) => bytes[i] !== b)) return texts;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const latin1 = new TextDecoder('latin1');
  const utf8 = new TextDecoder('utf-8');
  let at = 8;
  while (at + 8 <= bytes.length) {
    const length = view.getUint32(at);
    // A chunk cut off by the end of the file (a partial download) is not read as if whole.
    if (at + 12 + length > bytes.length) break;
    const type = latin1.decode(bytes.subarray(at + 4, at + 8));
    const data = bytes.subarray(at + 8, at + 8 + length);
    at += 12 + length;
    if (type === 'IEND') break;
    const nul = data.indexOf(0);
    if (nul < 1) continue;
    const keyword = latin1.decode(data.subarray(0, nul));
    try {
      if (type === 'tEXt') texts[keyword] = latin1.decode(data.subarray(nul + 1));
      else if (type === 'zTXt') texts[keyword] = latin1.decode(await inflate(data.subarray(nul + 2)));
      else if (type === 'iTXt') {
        const compressed = data[nul + 1] === 1;
        const languageEnd = data.indexOf(0, nul + 3);
        const translatedEnd = data.indexOf(0, languageEnd + 1);
        if (languageEnd < 0 || translatedEnd < 0) continue;
        const text = data.subarray(translatedEnd + 1);
        texts[keyword] = utf8.decode(compressed ? await inflate(text) : text);
      }
    } catch {
      // A damaged chunk is skipped; the others may still say something.
    }
  }
  return texts;
}

/** A1111's last line: `Key: value, Key: "quoted, value", …`. */
export function parseA1111Params(line: string): Record<string, string> {
  const out: Record<string, string> = {};
  const pair = /\s*([\w ()\-./]+?):\s*("(?:\\.|[^\\"])*"|[^,]*)(?:,|$)/g;
  for (const m of line.matchAll(pair)) {
    const [, key, raw = ''] = m;
    if (!key) continue;
    let value = raw.trim();
    if (value.startsWith('"')) {
      try {
        value = JSON.parse(value) as string;
      } catch {
        // Left quoted: still readable.
      }
    }
    out[key.trim()] = value;
  }
  return out;
}

/** A1111 infotext → settings. The last line is the parameters only when it looks like `Key: value, …` with a known key. */
export function parseInfotext(text: string): ImageSettings {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  let params: Record<string, string> = {};
  const last = lines.at(-1) ?? '';
  if (lines.length > 1 && /(^|, )(Steps|Size|Seed|Model|Sampler): /.test(last)) {
    params = parseA1111Params(last);
    lines.pop();
  }
  const negativeAt = lines.findIndex((l) => l.startsWith('Negative prompt:'));
  const prompt = (negativeAt < 0 ? lines : lines.slice(0, negativeAt)).join('\n').trim();
  const negativePrompt =
    negativeAt < 0
      ? undefined
      : lines
          .slice(negativeAt)
          .join('\n')
          .replace(/^Negative prompt:\s*/, '')
          .trim();
  const { Size: size, Model: model, 'Aspect ratio': aspect, ...rest } = params;
  const [width, height] = (size ?? '').split('x').map(Number);
  const sized = width && height ? { width, height } : {};
  return {
    source: 'a1111',
    prompt,
    ...(negativePrompt ? { negativePrompt } : {}),
    ...(model ? { model } : {}),
    ...sized,
    ...(aspect ? { aspectRatio: aspect } : width && height ? { aspectRatio: ratioOfSize(width, height) } : {}),
    other: rest,
  };
}

/** What an image's text says about how it was made, or null when it says nothing we read. Ours first, then the others'. */
export function settingsFromText(texts: Record<string, string>): ImageSettings | null {
  const ours = parseJson(texts.animegen);
  if (ours && typeof ours.prompt === 'string') {
    const size = ours.size as { width?: unknown; height?: unknown } | undefined;
    const width = num(size?.width);
    const height = num(size?.height);
    const negative = str(ours.negative);
    return {
      source: 'animegen',
      prompt: ours.prompt,
      ...(negative ? { negativePrompt: negative } : {}),
      ...(str(ours.model) ? { model: str(ours.model) } : {}),
      ...(str(ours.aspectRatio) ? { aspectRatio: str(ours.aspectRatio) } : {}),
      ...(width && height ? { width, height } : {}),
      // Our sampling settings, under the names the other readers use.
      other: Object.fromEntries(
        (['seed', 'steps', 'guidance', 'strength', 'sampler'] as const).flatMap((k) =>
          ours[k] === undefined || ours[k] === null ? [] : [[k, String(ours[k])]],
        ),
      ),
    };
  }
  const from = (source: ImageSettings['source'], s: Omit<ImageSettings, 'source'> | null) => (s ? { source, ...s } : null);
  if (texts.parameters?.trim()) {
    const json = parseJson(texts.parameters);
    if (json?.sui_image_params) return from('swarmui', swarmSettings(json));
    if (json) return from('fooocus', fooocusSettings(json));
    const infotext = parseInfotext(texts.parameters);
    // Fooocus in A1111 mode says so in its Version.
    return texts.fooocus_scheme || infotext.other.Version?.startsWith('Fooocus') ? { ...infotext, source: 'fooocus' } : infotext;
  }
  if (texts.invokeai_metadata || texts['sd-metadata'] || texts.Dream) return from('invokeai', invokeSettings(texts));
  if (texts.prompt) return from('comfyui', comfySettings(texts.prompt));
  if (texts.Software === 'NovelAI' || parseJson(texts.Comment)?.uc !== undefined) return from('novelai', novelaiSettings(texts));
  return null;
}

/** An image's pixels as RGBA bytes: the browser's own decoder (see decodeInBrowser), or any other in tests. */
export type DecodePixels = (file: Blob) => Promise<{ data: ArrayLike<number>; width: number; height: number }>;

/** Decodes with the browser, alpha as stored (not premultiplied, no colour conversion), so its lowest bits survive. */
export const decodeInBrowser: DecodePixels = async (file) => {
  const bitmap = await createImageBitmap(file, { premultiplyAlpha: 'none', colorSpaceConversion: 'none' });
  const { width, height } = bitmap;
  // A page canvas where OffscreenCanvas is missing (Safari before 16.4).
  const context =
    typeof OffscreenCanvas === 'function'
      ? new OffscreenCanvas(width, height).getContext('2d')
      : Object.assign(document.createElement('canvas'), { width, height }).getContext('2d');
  if (!context) throw new Error('no 2d canvas');
  context.drawImage(bitmap, 0, 0);
  bitmap.close();
  return { data: context.getImageData(0, 0, width, height).data, width, height };
};

/**
 * Reads a dropped, pasted or picked file: PNG text, JPEG or WebP EXIF, and,
 * for a PNG with alpha whose text says nothing (a site stripped it), the
 * copy NovelAI hides in the alpha channel, which needs the pixels decoded.
 */
export async function readImageSettings(file: Blob, decode: DecodePixels = decodeInBrowser): Promise<ImageSettings | null> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const exif = findExif(bytes);
  if (exif) return settingsFromText(exifTexts(exif));
  const found = settingsFromText(await readPngText(bytes));
  if (found || !pngHasAlpha(bytes)) return found;
  const pixels = await decode(file);
  const hidden = await readStealthAlpha(pixels.data, pixels.width, pixels.height);
  return hidden ? settingsFromText(hidden) : null;
}
