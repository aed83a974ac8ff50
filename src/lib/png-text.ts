import type { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import { readHead, spliceStream } from './stream-splice.js';

/**
 * PNG text chunks, added to a PNG as it streams out (the stored file is never
 * changed). `tEXt` holds Latin-1 only, so any other text goes in an
 * uncompressed `iTXt` as UTF-8: the choice Pillow and A1111 make, and what
 * every PNG-info reader parses.
 */

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** The signature, then IHDR: length (13), type, 13 bytes of data, CRC. Text goes right after it. */
const HEAD = SIGNATURE.length + 4 + 4 + 13 + 4;

function chunk(type: string, data: Buffer): Buffer {
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(4 + typed.length + 4);
  out.writeUInt32BE(data.length, 0);
  typed.copy(out, 4);
  out.writeUInt32BE(crc32(typed), 4 + typed.length);
  return out;
}

/** A `tEXt` chunk when `text` is Latin-1, else an uncompressed `iTXt` (no language tag). Keywords are 1–79 Latin-1 characters. */
export function textChunk(keyword: string, text: string): Buffer {
  if (!/^[\x20-\x7e\xa1-\xff]{1,79}$/.test(keyword)) throw new Error(`not a PNG text keyword: ${keyword}`);
  const key = Buffer.from(keyword, 'latin1');
  // Latin-1 allows the line feed and nothing else below space.
  if (/^[\n\x20-\x7e\xa0-\xff]*$/.test(text)) return chunk('tEXt', Buffer.concat([key, Buffer.from([0]), Buffer.from(text, 'latin1')]));
  // keyword NUL, compression flag 0, method 0, empty language tag NUL, empty translated keyword NUL, UTF-8 text
  return chunk('iTXt', Buffer.concat([key, Buffer.from([0, 0, 0, 0, 0]), Buffer.from(text, 'utf8')]));
}

/**
 * `source` with `chunks` after its IHDR, and how many bytes that adds (for
 * Content-Length). Reads only the first 33 bytes before answering; anything
 * that does not start like a PNG passes through unchanged (adds 0).
 */
export async function withPngText(source: Readable, chunks: Buffer[]): Promise<{ stream: Readable; added: number }> {
  const { head, rest } = await readHead(source, HEAD);
  const isPng =
    head.length >= HEAD &&
    head.subarray(0, 8).equals(SIGNATURE) &&
    head.readUInt32BE(8) === 13 &&
    head.toString('latin1', 12, 16) === 'IHDR';
  if (!isPng) return { stream: spliceStream([head], rest), added: 0 };
  const added = chunks.reduce((n, c) => n + c.length, 0);
  return { stream: spliceStream([head.subarray(0, HEAD), ...chunks, head.subarray(HEAD)], rest), added };
}
