import { Readable } from 'node:stream';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { textChunk, withPngText } from './png-text.js';

const png = () =>
  sharp({ create: { width: 8, height: 6, channels: 4, background: '#ffb7c5' } })
    .png()
    .toBuffer();

/** `bytes` as a stream of `size`-byte pieces, as a slow disk or S3 would hand them over. */
const pieces = (bytes: Buffer, size: number) =>
  Readable.from(Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size)));

async function collect(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(Buffer.from(part));
  return Buffer.concat(parts);
}

describe('PNG text chunks', () => {
  it('adds Latin-1 text as tEXt and anything else as iTXt, both read back by libvips, the image unchanged', async () => {
    const original = await png();
    const japanese = '桜の下の銀髪の少女, (masterpiece:1.2)';
    for (const size of [1, 7, 33, 4096]) {
      const { stream, added } = await withPngText(pieces(original, size), [
        textChunk('parameters', 'a girl under cherry blossoms\nNegative prompt: blurry\nSize: 8x6'),
        textChunk('animegen', JSON.stringify({ prompt: japanese })),
      ]);
      const out = await collect(stream);
      expect(out.length, `pieces of ${size}`).toBe(original.length + added);
      const meta = await sharp(out).metadata();
      expect(meta.comments).toEqual([
        { keyword: 'parameters', text: 'a girl under cherry blossoms\nNegative prompt: blurry\nSize: 8x6' },
        { keyword: 'animegen', text: JSON.stringify({ prompt: japanese }) },
      ]);
      const pixels = (b: Buffer) => sharp(b).raw().toBuffer();
      expect((await pixels(out)).equals(await pixels(original))).toBe(true);
    }
    expect(textChunk('k', 'é').subarray(4, 8).toString('latin1')).toBe('tEXt');
    expect(textChunk('k', japanese).subarray(4, 8).toString('latin1')).toBe('iTXt');
  });

  it('passes anything that is not a PNG through untouched, adding nothing', async () => {
    const jpeg = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } })
      .jpeg()
      .toBuffer();
    for (const input of [jpeg, Buffer.from('short'), Buffer.alloc(0)]) {
      const { stream, added } = await withPngText(pieces(input, 5), [textChunk('parameters', 'x')]);
      expect(added).toBe(0);
      expect((await collect(stream)).equals(input)).toBe(true);
    }
  });

  it('refuses keywords PNG does not allow', () => {
    expect(() => textChunk('', 'x')).toThrow();
    expect(() => textChunk('k'.repeat(80), 'x')).toThrow();
    expect(() => textChunk('キー', 'x')).toThrow();
  });

  it('closes the stored file when the download is cut short', async () => {
    let closed = false;
    const source = new Readable({
      read() {
        this.push(Buffer.alloc(1024));
      },
      destroy(err, cb) {
        closed = true;
        cb(err);
      },
    });
    const { stream } = await withPngText(source, [textChunk('parameters', 'x')]);
    stream.destroy();
    await new Promise((r) => setTimeout(r, 20));
    expect(closed).toBe(true);
  });
});
