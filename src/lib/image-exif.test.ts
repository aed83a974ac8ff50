import { Readable } from 'node:stream';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { exifBlock, userCommentValue } from './exif.js';
import { withExif } from './image-exif.js';

/** `bytes` as a stream of `size`-byte pieces, as a slow disk or S3 would hand them over. */
const pieces = (bytes: Buffer, size: number) =>
  Readable.from(Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size)));

async function collect(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(Buffer.from(part));
  return Buffer.concat(parts);
}

const infotext = '桜の下の銀髪の少女, (masterpiece:1.2)\nNegative prompt: blurry\nSize: 40x30, Model: Nano Banana';
const json = JSON.stringify({ v: 1, prompt: '桜の下の銀髪の少女' });
const tiff = exifBlock({ userComment: infotext, xpComment: json, software: 'AnimeGen' });

const image = (channels: 3 | 4) =>
  sharp({ create: { width: 40, height: 30, channels, background: { r: 255, g: 183, b: 197, alpha: channels === 4 ? 0.5 : 1 } } });
/** A JPEG with a JFIF header (APP0: version 1.1, no density, no thumbnail) right after SOI. */
async function jfifJpeg(): Promise<Buffer> {
  const jpeg = await image(3).jpeg().toBuffer();
  const app0 = Buffer.from([0xff, 0xe0, 0, 16, ...Buffer.from('JFIF\0', 'latin1'), 1, 1, 0, 0, 1, 0, 1, 0, 0]);
  return Buffer.concat([jpeg.subarray(0, 2), app0, jpeg.subarray(2)]);
}
const samples = async () => ({
  jpeg: await image(3).jpeg().toBuffer(),
  'JPEG with JFIF': await jfifJpeg(),
  'lossy WebP': await image(3).webp().toBuffer(),
  'lossless WebP': await image(3).webp({ lossless: true }).toBuffer(),
  'lossless WebP with alpha': await image(4).webp({ lossless: true }).toBuffer(),
  'WebP with alpha (extended header)': await image(4).webp().toBuffer(),
});

describe('EXIF in a JPEG or WebP download', () => {
  it('is found by libvips, parsed and written again by libexif with the same UserComment and XPComment, the pixels unchanged', async () => {
    const comment = userCommentValue(infotext);
    expect(comment.subarray(0, 8).toString('latin1')).toBe('UNICODE\0');
    const xp = Buffer.from(`${json}\0`, 'utf16le');
    for (const [name, original] of Object.entries(await samples())) {
      for (const size of [1, 7, 30, 4096]) {
        const { stream, added } = await withExif(pieces(original, size), name.toLowerCase().includes('jpeg') ? 'jpeg' : 'webp', tiff);
        const out = await collect(stream);
        expect(out.length, `${name} in pieces of ${size}`).toBe(original.length + added);
        const meta = await sharp(out).metadata();
        expect(meta, name).toMatchObject({ width: 40, height: 30, hasAlpha: name.includes('alpha') });
        expect(meta.exif?.includes(tiff), name).toBe(true);
        // libexif (through libvips) rewrites the block from the tags it parsed: ours survive whole.
        const rewritten = (await sharp(await sharp(out).keepExif().jpeg().toBuffer()).metadata()).exif;
        for (const value of [comment, xp, Buffer.from('AnimeGen\0')]) expect(rewritten?.includes(value), name).toBe(true);
        const pixels = (b: Buffer) => sharp(b).raw().toBuffer();
        expect((await pixels(out)).equals(await pixels(original)), name).toBe(true);
      }
    }
  });

  it('keeps a JPEG’s JFIF header first and writes plain ASCII with the ASCII prefix', async () => {
    const jpeg = await jfifJpeg();
    const { stream } = await withExif(Readable.from([jpeg]), 'jpeg', exifBlock({ userComment: 'a fox' }));
    const out = await collect(stream);
    expect(out.toString('latin1', 6, 11)).toBe('JFIF\0');
    expect(out.readUInt16BE(20)).toBe(0xffe1);
    expect(out.includes(Buffer.from('ASCII\0\0\0a fox', 'latin1'))).toBe(true);
  });

  it('passes a file it cannot extend through untouched, adding nothing', async () => {
    const png = await image(3).png().toBuffer();
    const jpeg = await image(3).jpeg().toBuffer();
    const huge = exifBlock({ userComment: 'x'.repeat(70_000) });
    for (const [input, format, block] of [
      [png, 'jpeg', tiff],
      [png, 'webp', tiff],
      [Buffer.from('short'), 'webp', tiff],
      [Buffer.alloc(0), 'jpeg', tiff],
      [jpeg, 'jpeg', huge],
    ] as const) {
      const { stream, added } = await withExif(pieces(input, 5), format, block);
      expect(added).toBe(0);
      expect((await collect(stream)).equals(input)).toBe(true);
    }
  });
});
