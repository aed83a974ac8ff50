import type { Readable } from 'node:stream';
import { readHead, spliceStream } from './stream-splice.js';

/**
 * An EXIF block added to a JPEG or WebP as it streams out (the stored file is
 * never changed), reading only the first 30 bytes before answering:
 * - JPEG: an APP1 `Exif` segment right after SOI (after a leading JFIF APP0,
 *   which JFIF wants first);
 * - WebP: an `EXIF` chunk at the end of the RIFF (where the container spec
 *   puts it, after the image data), with the extended header's EXIF flag set,
 *   and an extended header (`VP8X`, canvas size read from the bitstream)
 *   added to a simple-format file; the RIFF size is fixed up.
 * Expects what ingestion stores: no EXIF already, no bytes after the RIFF.
 * Anything else (another format, a block too big for one JPEG segment, a
 * header it cannot read) passes through unchanged, adding 0.
 */
export async function withExif(source: Readable, format: 'jpeg' | 'webp', tiff: Buffer): Promise<{ stream: Readable; added: number }> {
  const { head, rest } = await readHead(source, HEAD);
  const plan = format === 'jpeg' ? jpegPlan(head, tiff) : webpPlan(head, tiff);
  if (!plan) return { stream: spliceStream([head], rest), added: 0 };
  const added = [...plan.before, ...plan.after].reduce((n, b) => n + b.length, 0) - head.length;
  return { stream: spliceStream(plan.before, rest, plan.after), added };
}

const HEAD = 30;
type Plan = { before: Buffer[]; after: Buffer[] } | null;

const EXIF_HEADER = Buffer.from('Exif\0\0', 'latin1');

function jpegPlan(head: Buffer, tiff: Buffer): Plan {
  if (head.length < 4 || head[0] !== 0xff || head[1] !== 0xd8) return null;
  const length = 2 + EXIF_HEADER.length + tiff.length;
  if (length > 0xffff) return null;
  const app1 = Buffer.alloc(4);
  app1.writeUInt16BE(0xffe1, 0);
  app1.writeUInt16BE(length, 2);
  // A bare JFIF APP0 (as ingestion keeps it) stays first.
  const jfif = head[2] === 0xff && head[3] === 0xe0 && head.length >= 20 && head.toString('latin1', 6, 11) === 'JFIF\0';
  const at = jfif ? 4 + head.readUInt16BE(4) : 2;
  if (at > head.length) return null;
  return { before: [head.subarray(0, at), app1, EXIF_HEADER, tiff, head.subarray(at)], after: [] };
}

const VP8X_ALPHA = 0x10;
const VP8X_EXIF = 0x08;

/** Canvas size and alpha of a simple-format WebP from its bitstream header (chunk data at 20). */
function simpleCanvas(head: Buffer, fourcc: string): { width: number; height: number; alpha: boolean } | null {
  if (fourcc === 'VP8L' && head[20] === 0x2f) {
    const bits = head.readUInt32LE(21);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1, alpha: ((bits >>> 28) & 1) === 1 };
  }
  // Lossy key frame: a 3-byte frame tag, the start code 9D 01 2A, then 14-bit width and height.
  if (fourcc === 'VP8 ' && head[23] === 0x9d && head[24] === 0x01 && head[25] === 0x2a) {
    return { width: head.readUInt16LE(26) & 0x3fff, height: head.readUInt16LE(28) & 0x3fff, alpha: false };
  }
  return null;
}

function webpPlan(head: Buffer, tiff: Buffer): Plan {
  if (head.length < HEAD || head.toString('latin1', 0, 4) !== 'RIFF' || head.toString('latin1', 8, 12) !== 'WEBP') return null;
  const exif = Buffer.alloc(8 + tiff.length + (tiff.length & 1));
  exif.write('EXIF', 0, 'latin1');
  exif.writeUInt32LE(tiff.length, 4);
  tiff.copy(exif, 8);
  const fourcc = head.toString('latin1', 12, 16);
  const copy = Buffer.from(head);
  if (fourcc === 'VP8X') {
    copy[20] = copy[20]! | VP8X_EXIF;
    copy.writeUInt32LE(head.readUInt32LE(4) + exif.length, 4);
    return { before: [copy], after: [exif] };
  }
  const canvas = simpleCanvas(head, fourcc);
  if (!canvas) return null;
  const vp8x = Buffer.alloc(18);
  vp8x.write('VP8X', 0, 'latin1');
  vp8x.writeUInt32LE(10, 4);
  vp8x[8] = VP8X_EXIF | (canvas.alpha ? VP8X_ALPHA : 0);
  vp8x.writeUIntLE(canvas.width - 1, 12, 3);
  vp8x.writeUIntLE(canvas.height - 1, 15, 3);
  copy.writeUInt32LE(head.readUInt32LE(4) + vp8x.length + exif.length, 4);
  return { before: [copy.subarray(0, 12), vp8x, copy.subarray(12)], after: [exif] };
}
