/**
 * Removes metadata (EXIF, XMP, IPTC, text, comments, thumbnails) and anything
 * appended after the image from a PNG, JPEG or WebP file by editing its
 * container: chunks and segments are copied whole or left out, the compressed
 * pixel data is never decoded or re-encoded.
 *
 * Why not re-encode: stripping by re-encoding cost more than all the thumbnail
 * work together and compressed JPEGs a second time. Copying keeps the pixels
 * identical. Returns null when the container cannot be walked (bad signature,
 * sizes past the end, no end marker), so the caller can fall back to a full
 * re-encode; the later full decode still checks the pixel data itself.
 */
export function stripMetadata(bytes: Buffer, format: 'png' | 'jpeg' | 'webp'): Buffer | null {
  if (format === 'png') return stripPng(bytes);
  if (format === 'jpeg') return stripJpeg(bytes);
  return stripWebp(bytes);
}

/**
 * Copies a buffer minus the dropped ranges, as a few large slices: kept
 * neighbours (say, a run of IDAT chunks) stay one slice.
 */
function copier(bytes: Buffer) {
  const parts: Buffer[] = [];
  let from = 0;
  return {
    drop(start: number, end: number): void {
      if (start > from) parts.push(bytes.subarray(from, start));
      from = end;
    },
    /** The copy up to `end`; whatever follows (appended data) is left behind. */
    finish(end: number): Buffer {
      parts.push(bytes.subarray(from, end));
      return Buffer.concat(parts);
    },
  };
}

function startsWith(bytes: Buffer, at: number, end: number, prefix: Buffer): boolean {
  return end - at >= prefix.length && bytes.compare(prefix, 0, prefix.length, at, at + prefix.length) === 0;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** The image itself and how to show its colours; text, EXIF, time, density and APNG frames go. */
const PNG_KEEP = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND', 'tRNS', 'gAMA', 'cHRM', 'sRGB', 'iCCP', 'sBIT']);

function stripPng(bytes: Buffer): Buffer | null {
  if (!startsWith(bytes, 0, bytes.length, PNG_SIGNATURE)) return null;
  const out = copier(bytes);
  // Each chunk: length (u32 BE), type, data, CRC. Chunks are copied whole, so their CRCs stay valid.
  for (let pos = 8; pos + 12 <= bytes.length; ) {
    const end = pos + 12 + bytes.readUInt32BE(pos);
    if (end > bytes.length) return null;
    const type = bytes.toString('latin1', pos + 4, pos + 8);
    if (pos === 8 && type !== 'IHDR') return null;
    if (type === 'IEND') return out.finish(end);
    if (!PNG_KEEP.has(type)) out.drop(pos, end);
    pos = end;
  }
  return null; // ran out of chunks before IEND
}

const JFIF = Buffer.from('JFIF\0', 'latin1');
const ICC_PROFILE = Buffer.from('ICC_PROFILE\0', 'latin1');
const ADOBE = Buffer.from('Adobe', 'latin1');
const SOS = 0xda;
const EOI = 0xd9;
const isAppOrComment = (marker: number) => (marker >= 0xe0 && marker <= 0xef) || marker === 0xfe;

/**
 * Whether a segment before the first scan stays: true keeps it, false drops it,
 * null means we do not know the marker and leave the file to the re-encode.
 */
function keepJpegSegment(bytes: Buffer, marker: number, payload: number, end: number): boolean | null {
  // SOF0-15 with DHT (C4) and DAC (CC) among them; C8 is reserved.
  if (marker >= 0xc0 && marker <= 0xcf) return marker !== 0xc8 ? true : null;
  if (marker === 0xdb || marker === 0xdd || marker === SOS) return true; // DQT, DRI
  // A bare JFIF header (16 bytes) holds only pixel density; one with a thumbnail,
  // or a JFXX extension, holds a small copy of the original picture.
  if (marker === 0xe0) return end - payload === 14 && startsWith(bytes, payload, end, JFIF);
  if (marker === 0xe2) return startsWith(bytes, payload, end, ICC_PROFILE); // colours; other APP2s (MPF) go
  if (marker === 0xee) return startsWith(bytes, payload, end, ADOBE); // tells how to read the colour channels
  return isAppOrComment(marker) ? false : null; // EXIF, XMP, IPTC, comments and other APPn go
}

function stripJpeg(bytes: Buffer): Buffer | null {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  const out = copier(bytes);
  // From the first SOS on, entropy-coded data sits between the markers (progressive
  // images have several scans with tables in between). In it, 0xFF is followed by
  // 0x00 (a stuffed byte) or a restart marker, and neither ends the data.
  let scanning = false;
  for (let pos = 2; ; ) {
    const ff = scanning ? bytes.indexOf(0xff, pos) : pos;
    if (ff < 0 || bytes[ff] !== 0xff) return null; // past the end, or stray bytes between segments
    let at = ff + 1;
    while (bytes[at] === 0xff) at++; // fill bytes may pad any marker
    const marker = bytes[at];
    if (marker === undefined) return null;
    if (marker === EOI) return scanning ? out.finish(at + 1) : null;
    if (marker === 0x00 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      if (!scanning) return null;
      pos = at + 1; // stuffed byte, TEM or RSTn: no length, the data goes on
      continue;
    }
    // Every other marker has a length (which counts itself): skipping it keeps its
    // payload (tables, an ICC profile) from being read as markers.
    if (at + 3 > bytes.length) return null;
    const end = at + 1 + bytes.readUInt16BE(at + 1);
    if (end < at + 3 || end > bytes.length) return null;
    // Between scans only metadata goes; tables and further scans are image data.
    const keep = scanning ? !isAppOrComment(marker) : keepJpegSegment(bytes, marker, at + 3, end);
    if (keep === null) return null;
    if (!keep) out.drop(ff, end);
    if (marker === SOS) scanning = true;
    pos = end;
  }
}

const VP8X_EXIF = 0x08;
const VP8X_XMP = 0x04;

function stripWebp(bytes: Buffer): Buffer | null {
  if (bytes.length < 12 || bytes.toString('latin1', 0, 4) !== 'RIFF' || bytes.toString('latin1', 8, 12) !== 'WEBP') return null;
  const riffEnd = 8 + bytes.readUInt32LE(4);
  if (riffEnd > bytes.length) return null;
  const out = copier(bytes);
  let hasImage = false;
  let hasVp8x = false;
  // Each chunk: FourCC, size (u32 LE), payload, and a pad byte when the size is odd.
  let pos = 12;
  while (pos < riffEnd) {
    if (pos + 8 > riffEnd) return null;
    const size = bytes.readUInt32LE(pos + 4);
    const end = pos + 8 + size + (size & 1);
    if (end > riffEnd) return null;
    const fourcc = bytes.toString('latin1', pos, pos + 4);
    if (fourcc === 'ANIM' || fourcc === 'ANMF') return null; // animations are refused before this
    if (fourcc === 'VP8X') {
      // The extended header must come first; its flags are patched in the copy below.
      if (pos !== 12 || size < 1) return null;
      hasVp8x = true;
    } else if (fourcc === 'VP8 ' || fourcc === 'VP8L') {
      hasImage = true;
    } else if (fourcc !== 'ALPH' && fourcc !== 'ICCP') {
      out.drop(pos, end); // EXIF, XMP and unknown chunks
    }
    pos = end;
  }
  if (!hasImage) return null;
  const copy = out.finish(riffEnd);
  copy.writeUInt32LE(copy.length - 8, 4);
  // The copy is ours to edit: the VP8X flags must no longer announce EXIF or XMP chunks.
  if (hasVp8x) copy[20] = copy[20]! & ~(VP8X_EXIF | VP8X_XMP);
  return copy;
}
