/**
 * The generation settings a JPEG or WebP keeps in EXIF, as the text keys a
 * PNG would have, so one set of readers serves every format:
 * - `UserComment` → `parameters` (A1111, Forge, Fooocus, SwarmUI and our own
 *   downloads put the infotext or their JSON there), or → `Comment` when it is
 *   NovelAI's JSON;
 * - `XPComment` → `animegen` (our JSON);
 * - NovelAI's WebP: `ImageDescription` → `Description`, `Software` → `Source`,
 *   `DocumentName` → `Title`;
 * - `MakerNote` → `fooocus_scheme` (Fooocus names its format there).
 * UserComment's 8-byte prefix says the encoding: `ASCII`, `UNICODE` (UCS-2,
 * in the block's byte order; A1111 writes big-endian), or none (UTF-8 then).
 */

const TAG = {
  imageDescription: 0x010e,
  documentName: 0x010d,
  software: 0x0131,
  exifIfd: 0x8769,
  xpComment: 0x9c9c,
  userComment: 0x9286,
  makerNote: 0x927c,
} as const;

const SIZES: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 7: 1, 9: 4, 10: 8 };

/** The EXIF block (a TIFF structure) of a JPEG (APP1 `Exif\0\0`) or a WebP (`EXIF` chunk), or null. */
export function findExif(bytes: Uint8Array): Uint8Array | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ascii = (at: number, n: number) => String.fromCharCode(...bytes.subarray(at, at + n));
  if (bytes[0] === 0xff && bytes[1] === 0xd8) {
    for (let at = 2; at + 4 <= bytes.length && bytes[at] === 0xff; ) {
      const marker = bytes[at + 1];
      if (marker === 0xda || marker === 0xd9) break; // the image data: no metadata past here
      const length = view.getUint16(at + 2);
      if (marker === 0xe1 && ascii(at + 4, 6) === 'Exif\0\0') return bytes.subarray(at + 10, at + 2 + length);
      at += 2 + length;
    }
    return null;
  }
  if (ascii(0, 4) === 'RIFF' && ascii(8, 4) === 'WEBP') {
    for (let at = 12; at + 8 <= bytes.length; ) {
      const size = view.getUint32(at + 4, true);
      if (ascii(at, 4) === 'EXIF') {
        const data = bytes.subarray(at + 8, at + 8 + size);
        // Some writers keep the JPEG-style `Exif\0\0` in front.
        return ascii(at + 8, 6) === 'Exif\0\0' ? data.subarray(6) : data;
      }
      at += 8 + size + (size & 1);
    }
  }
  return null;
}

function decodeUserComment(value: Uint8Array, littleEndian: boolean): string {
  const prefix = String.fromCharCode(...value.subarray(0, 8));
  const body = value.subarray(8);
  if (prefix === 'UNICODE\0') return new TextDecoder(littleEndian ? 'utf-16le' : 'utf-16be').decode(body).replace(/\0+$/, '');
  // ASCII, an undefined code (all NULs) or none at all: UTF-8 reads ASCII too, and is what most tools mean.
  const text = /^(ASCII\0\0\0|\0{8})$/.test(prefix) ? body : value;
  return new TextDecoder().decode(text).replace(/\0+$/, '');
}

/** The settings-bearing EXIF fields, as PNG text keys (see above). */
export function exifTexts(tiff: Uint8Array): Record<string, string> {
  const texts: Record<string, string> = {};
  if (tiff.length < 8) return texts;
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const le = tiff[0] === 0x49; // "II"; "MM" is big-endian
  const u16 = (at: number) => view.getUint16(at, le);
  const u32 = (at: number) => view.getUint32(at, le);
  const values = new Map<number, Uint8Array>();
  const readIfd = (start: number, depth: number) => {
    if (depth > 2 || start + 2 > tiff.length) return;
    const count = u16(start);
    for (let i = 0; i < count; i++) {
      const at = start + 2 + i * 12;
      if (at + 12 > tiff.length) return;
      const tag = u16(at);
      const size = (SIZES[u16(at + 2)] ?? 1) * u32(at + 4);
      const valueAt = size <= 4 ? at + 8 : u32(at + 8);
      if (tag === TAG.exifIfd) readIfd(u32(at + 8), depth + 1);
      else if (valueAt + size <= tiff.length) values.set(tag, tiff.subarray(valueAt, valueAt + size));
    }
  };
  readIfd(u32(4), 0);
  const ascii = (tag: number) => {
    const v = values.get(tag);
    return v ? new TextDecoder().decode(v).replace(/\0+$/, '') : undefined;
  };
  const comment = values.get(TAG.userComment);
  if (comment) {
    const text = decodeUserComment(comment, le);
    // NovelAI's JSON names the undesired content `uc`; anything else is infotext or a tool's JSON.
    texts[/^\s*\{[\s\S]*"uc"\s*:/.test(text) ? 'Comment' : 'parameters'] = text;
  }
  const xp = values.get(TAG.xpComment);
  if (xp) texts.animegen = new TextDecoder('utf-16le').decode(xp).replace(/\0+$/, '');
  const description = ascii(TAG.imageDescription);
  if (description) texts.Description = description;
  const software = ascii(TAG.software);
  if (software) texts[texts.Comment ? 'Source' : 'Software'] = software;
  const title = ascii(TAG.documentName);
  if (title) texts.Title = title;
  const scheme = ascii(TAG.makerNote);
  if (scheme === 'fooocus' || scheme === 'a1111') texts.fooocus_scheme = scheme;
  return texts;
}
