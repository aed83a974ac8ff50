import { crc32 } from 'node:zlib';
import fc from 'fast-check';
import sharp, { type Sharp } from 'sharp';
import { describe, expect, it } from 'vitest';
import { stripMetadata } from './strip-metadata.js';

type Format = 'png' | 'jpeg' | 'webp';

const EXIF = { IFD0: { Copyright: 'secret-gps-owner', ImageDescription: 'secret-description' } };
const XMP = '<x:xmpmeta xmlns:x="adobe:ns:meta/">secret-xmp</x:xmpmeta>';
const TRAILER = Buffer.from('appended-secret');
const latin1 = (text: string) => Buffer.from(text, 'latin1');

/** Pseudo-random pixels: every pixel differs, so one wrong byte of pixel data shows when decoded. */
function noise(width: number, height: number, channels: 3 | 4, seed = 1): Sharp {
  const data = Buffer.alloc(width * height * channels);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < data.length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    data[i] = state >>> 24;
  }
  return sharp(data, { raw: { width, height, channels } });
}

/** The image with EXIF and XMP, as sharp writes them into each format. */
function withMetadata(image: Sharp, format: Format, options: { quality?: number; progressive?: boolean; lossless?: boolean } = {}) {
  const tagged = image.withExif(EXIF).withXmp(XMP);
  if (format === 'png') return tagged.png().toBuffer();
  if (format === 'jpeg') return tagged.jpeg({ quality: options.quality, progressive: options.progressive }).toBuffer();
  return tagged.webp({ quality: options.quality, lossless: options.lossless }).toBuffer();
}

async function pixels(bytes: Buffer) {
  const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
  return { data, size: [info.width, info.height, info.channels] };
}

async function expectSamePixels(actual: Buffer, expected: Buffer) {
  const [a, b] = await Promise.all([pixels(actual), pixels(expected)]);
  expect(a.size).toEqual(b.size);
  expect(a.data.equals(b.data)).toBe(true);
}

/** Checked one by one, so a failure names the missing string rather than printing the whole file. */
function expectContains(bytes: Buffer, secrets: string[]) {
  expect(secrets.filter((secret) => !bytes.includes(secret))).toEqual([]);
}

async function expectNoMetadata(bytes: Buffer) {
  const meta = await sharp(bytes).metadata();
  expect([meta.exif, meta.xmp, meta.iptc]).toEqual([undefined, undefined, undefined]);
  expect(bytes.includes('secret')).toBe(false);
}

function strip(bytes: Buffer, format: Format): Buffer {
  const out = stripMetadata(bytes, format);
  expect(out).not.toBeNull();
  return out!;
}

// PNG: length (u32 BE), type, data, CRC over type and data.
function pngChunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([latin1(type), data]);
  const chunk = Buffer.alloc(body.length + 8);
  chunk.writeUInt32BE(data.length, 0);
  body.copy(chunk, 4);
  chunk.writeUInt32BE(crc32(body), body.length + 4);
  return chunk;
}

function pngChunks(png: Buffer) {
  const chunks: { type: string; bytes: Buffer }[] = [];
  for (let pos = 8; pos < png.length; pos += 12 + png.readUInt32BE(pos)) {
    chunks.push({ type: png.toString('latin1', pos + 4, pos + 8), bytes: png.subarray(pos, pos + 12 + png.readUInt32BE(pos)) });
  }
  return chunks;
}

const ihdrEnd = 8 + 25;
const afterIhdr = (png: Buffer, ...chunks: Buffer[]) => Buffer.concat([png.subarray(0, ihdrEnd), ...chunks, png.subarray(ihdrEnd)]);
const idat = (png: Buffer) => Buffer.concat(pngChunks(png).flatMap((c) => (c.type === 'IDAT' ? [c.bytes] : [])));

// JPEG: FF, marker, length (u16 BE, counting itself), payload.
function jpegSegment(marker: number, payload: Buffer): Buffer {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

/** The markers before the first scan, and where that scan's SOS starts. */
function jpegHeader(jpeg: Buffer) {
  const markers: number[] = [];
  let pos = 2;
  while (jpeg[pos + 1] !== 0xda) {
    markers.push(jpeg[pos + 1]!);
    pos += 2 + jpeg.readUInt16BE(pos + 2);
  }
  return { markers, sos: pos };
}

/** From the first SOS to the EOI: the compressed pixel data, which must come out unchanged. */
function jpegScans(jpeg: Buffer) {
  return jpeg.subarray(jpegHeader(jpeg).sos, jpeg.lastIndexOf(Buffer.from([0xff, 0xd9])) + 2);
}

/** Where the first scan's entropy-coded data ends: the next 0xFF that is not stuffing or a restart. */
function endOfFirstScan(jpeg: Buffer) {
  const { sos } = jpegHeader(jpeg);
  let pos = sos + 2 + jpeg.readUInt16BE(sos + 2);
  while (jpeg[pos] !== 0xff || jpeg[pos + 1] === 0 || (jpeg[pos + 1]! >= 0xd0 && jpeg[pos + 1]! <= 0xd7)) pos++;
  return pos;
}

/**
 * A baseline greyscale JPEG with restart markers, which sharp cannot write:
 * flat 8×8 blocks (a DC coefficient only), coded with two tiny Huffman tables.
 */
function jpegWithRestarts(blocksWide: number, blocksHigh: number, interval: number): Buffer {
  const data: number[] = [];
  let byte = 0;
  let bits = 0;
  const put = (value: number, count: number) => {
    for (let i = count - 1; i >= 0; i--) {
      byte = (byte << 1) | ((value >> i) & 1);
      if (++bits < 8) continue;
      data.push(byte, ...(byte === 0xff ? [0] : []));
      byte = 0;
      bits = 0;
    }
  };
  const padToByte = () => bits > 0 && put(0xff, 8 - bits);
  let previous = 0;
  for (let block = 0; block < blocksWide * blocksHigh; block++) {
    if (block > 0 && block % interval === 0) {
      padToByte();
      data.push(0xff, 0xd0 + ((block / interval - 1) % 8));
      previous = 0; // each restart interval codes its first DC from zero
    }
    const dc = ((block * 89) % 255) - 127;
    const diff = dc - previous;
    previous = dc;
    const size = 32 - Math.clz32(Math.abs(diff));
    put(size, 4); // the DC table gives size k the 4-bit code k
    put(diff >= 0 ? diff : diff + (1 << size) - 1, size);
    put(0, 1); // the AC table's only code, "0", ends the block
  }
  padToByte();
  const [width, height] = [blocksWide * 8, blocksHigh * 8];
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    jpegSegment(0xdb, Buffer.from([0, ...Array(64).fill(8)])),
    jpegSegment(0xc0, Buffer.from([8, height >> 8, height & 255, width >> 8, width & 255, 1, 1, 0x11, 0])),
    jpegSegment(0xc4, Buffer.from([0x00, 0, 0, 0, 12, ...Array(12).fill(0), ...Array.from({ length: 12 }, (_, i) => i)])),
    jpegSegment(0xc4, Buffer.from([0x10, 1, ...Array(15).fill(0), 0x00])),
    jpegSegment(0xdd, Buffer.from([interval >> 8, interval & 255])),
    jpegSegment(0xda, Buffer.from([1, 1, 0x00, 0, 63, 0])),
    Buffer.from(data),
    Buffer.from([0xff, 0xd9]),
  ]);
}

// WebP: FourCC, size (u32 LE), payload, a pad byte when the size is odd.
function webpChunks(webp: Buffer) {
  const chunks: { fourcc: string; bytes: Buffer }[] = [];
  for (let pos = 12; pos < webp.readUInt32LE(4) + 8; ) {
    const size = webp.readUInt32LE(pos + 4);
    chunks.push({ fourcc: webp.toString('latin1', pos, pos + 4), bytes: webp.subarray(pos, pos + 8 + size + (size & 1)) });
    pos += 8 + size + (size & 1);
  }
  return chunks;
}

function withWebpChunk(webp: Buffer, fourcc: string, payload: Buffer): Buffer {
  const head = Buffer.concat([latin1(fourcc), Buffer.alloc(4)]);
  head.writeUInt32LE(payload.length, 4);
  const out = Buffer.concat([webp, head, payload, Buffer.alloc(payload.length & 1)]);
  out.writeUInt32LE(out.length - 8, 4);
  return out;
}

describe('stripMetadata on PNG', () => {
  it('keeps only the image chunks, byte for byte, and drops text, EXIF, APNG chunks and appended data', async () => {
    const clean = await noise(64, 48, 3).withExif(EXIF).withXmp(XMP).png().toBuffer();
    const input = Buffer.concat([
      afterIhdr(
        clean,
        pngChunk('tEXt', latin1('Comment\0secret-text')),
        pngChunk('iTXt', latin1('Comment\0\0\0en\0\0secret-itxt')),
        pngChunk('tIME', Buffer.from([7, 233, 1, 2, 3, 4, 5])),
        pngChunk('acTL', Buffer.from([0, 0, 0, 1, 0, 0, 0, 0])),
        pngChunk('prVt', latin1('secret-private')),
      ),
      TRAILER,
    ]);
    expectContains(input, ['secret-gps-owner', 'secret-text', 'secret-itxt', 'appended-secret']);

    const out = strip(input, 'png');

    expect(pngChunks(clean).map((c) => c.type)).toEqual(expect.arrayContaining(['eXIf', 'pHYs', 'zTXt']));
    expect(new Set(pngChunks(out).map((c) => c.type))).toEqual(new Set(['IHDR', 'IDAT', 'IEND']));
    const imageChunks = pngChunks(clean).flatMap((c) => (c.type === 'eXIf' || c.type === 'pHYs' || c.type === 'zTXt' ? [] : [c.bytes]));
    expect(out.equals(Buffer.concat([clean.subarray(0, 8), ...imageChunks]))).toBe(true);
    expect(idat(out).equals(idat(clean))).toBe(true);
    expect((await sharp(clean).metadata()).xmp).toBeDefined();
    await expectNoMetadata(out);
    expect((await pixels(out)).data.equals(await noise(64, 48, 3).raw().toBuffer())).toBe(true);
  });

  it('keeps the colour chunks: iCCP and the palette with its transparency', async () => {
    const withProfile = strip(await noise(32, 16, 3).withIccProfile('p3').withExif(EXIF).png().toBuffer(), 'png');
    expect(pngChunks(withProfile).map((c) => c.type)).toEqual(['IHDR', 'iCCP', 'IDAT', 'IEND']);
    expect((await sharp(withProfile).metadata()).icc).toBeDefined();

    const palette = await noise(32, 16, 4).png({ palette: true, colours: 16 }).toBuffer();
    const out = strip(palette, 'png');
    expect(pngChunks(out).map((c) => c.type)).toEqual(['IHDR', 'PLTE', 'tRNS', 'IDAT', 'IEND']);
    await expectSamePixels(out, palette);
  });

  it('returns null for a container it cannot walk', async () => {
    const png = await noise(32, 16, 3).png().toBuffer();
    const longIdat = Buffer.from(png);
    longIdat.writeUInt32BE(0x7fff_ffff, png.indexOf('IDAT') - 4);
    const badSignature = Buffer.from(png);
    badSignature[1] = 0x51;

    expect(stripMetadata(png.subarray(0, png.length - 40), 'png')).toBeNull(); // cut inside IDAT
    expect(stripMetadata(png.subarray(0, png.length - 12), 'png')).toBeNull(); // IEND missing
    expect(stripMetadata(badSignature, 'png')).toBeNull();
    expect(stripMetadata(longIdat, 'png')).toBeNull();
    expect(stripMetadata(Buffer.concat([png.subarray(0, 8), pngChunk('tEXt', latin1('a\0b')), png.subarray(8)]), 'png')).toBeNull();
    expect(stripMetadata(Buffer.alloc(0), 'png')).toBeNull();
  });
});

describe('stripMetadata on JPEG', () => {
  const jfif = jpegSegment(0xe0, Buffer.from([...latin1('JFIF\0'), 1, 1, 1, 0, 72, 0, 72, 0, 0]));
  const jfifThumbnail = jpegSegment(0xe0, Buffer.from([...latin1('JFIF\0'), 1, 1, 1, 0, 72, 0, 72, 1, 1, 9, 9, 9]));
  const adobe = jpegSegment(0xee, Buffer.from([...latin1('Adobe'), 0, 100, 0, 0, 0, 0, 1]));
  const iptc = jpegSegment(0xed, latin1('Photoshop 3.0\x008BIM\x04\x04\0\0\0\0\0\x10secret-iptc\0\0\0\0\0'));
  const comment = jpegSegment(0xfe, latin1('secret-comment'));
  const mpf = jpegSegment(0xe2, latin1('MPF\0secret-mpf'));

  it('keeps JFIF, Adobe, ICC and the tables, drops EXIF, XMP, IPTC, comments and appended data', async () => {
    const clean = await noise(64, 48, 3).withIccProfile('p3').withExif(EXIF).withXmp(XMP).jpeg({ quality: 90 }).toBuffer();
    const input = Buffer.concat([clean.subarray(0, 2), jfif, jfifThumbnail, adobe, iptc, comment, mpf, clean.subarray(2), TRAILER]);
    expectContains(input, ['secret-iptc', 'secret-comment', 'secret-mpf', 'secret-gps-owner', 'secret-xmp', 'appended-secret']);

    const out = strip(input, 'jpeg');

    const kept = jpegHeader(clean).markers.filter((m) => m !== 0xe1);
    expect(jpegHeader(out).markers).toEqual([0xe0, 0xee, ...kept]);
    expect(kept).toContain(0xe2);
    expect(out.subarray(2, 2 + jfif.length + adobe.length)).toEqual(Buffer.concat([jfif, adobe]));
    expect(jpegScans(out).equals(jpegScans(clean))).toBe(true);
    expect(out.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
    expect((await sharp(out).metadata()).icc).toBeDefined();
    await expectNoMetadata(out);
    await expectSamePixels(out, clean);
  });

  it('copies every scan of a progressive JPEG, skipping segment payloads between scans', async () => {
    const clean = await noise(64, 48, 3).withExif(EXIF).jpeg({ progressive: true }).toBuffer();
    // Between scans: a comment whose payload looks like an EOI must be skipped by its length, and dropped.
    const at = endOfFirstScan(clean);
    const between = jpegSegment(0xfe, Buffer.from([0xff, 0xd9, ...latin1('secret-comment'), 0xff, 0xd9]));
    const input = Buffer.concat([clean.subarray(0, at), between, clean.subarray(at), TRAILER]);
    expect(jpegHeader(clean).markers).toContain(0xc2);

    const out = strip(input, 'jpeg');

    expect(jpegScans(out).equals(jpegScans(clean))).toBe(true);
    await expectNoMetadata(out);
    await expectSamePixels(out, clean);
  });

  it('copies entropy-coded data with restart markers', async () => {
    const clean = jpegWithRestarts(8, 6, 5);
    expect(clean.indexOf(Buffer.from([0xff, 0xd7]))).toBeGreaterThan(0); // a full cycle of RST0-7 was written
    const input = Buffer.concat([clean.subarray(0, 2), jpegSegment(0xe1, latin1('Exif\0\0secret-gps-owner')), clean.subarray(2), TRAILER]);

    const out = strip(input, 'jpeg');

    expect(out).toEqual(clean);
    const decoded = await pixels(out);
    expect(decoded.size.slice(0, 2)).toEqual([64, 48]);
    expect(new Set(decoded.data).size).toBeGreaterThan(40);
  });

  it('allows fill bytes before a marker', async () => {
    const clean = await noise(16, 16, 3).jpeg().toBuffer();
    const input = Buffer.concat([clean.subarray(0, 2), Buffer.from([0xff, 0xff]), comment, Buffer.from([0xff, 0xff]), clean.subarray(2)]);
    const out = strip(input, 'jpeg');
    expect(out.subarray(0, 4)).toEqual(Buffer.from([0xff, 0xd8, 0xff, 0xff]));
    await expectSamePixels(out, clean);
  });

  it('returns null for a container it cannot walk', async () => {
    const jpeg = await noise(32, 16, 3).jpeg().toBuffer();
    const longSegment = Buffer.from(jpeg);
    longSegment.writeUInt16BE(0xffff, 4);

    expect(stripMetadata(jpeg.subarray(0, jpeg.length - 100), 'jpeg')).toBeNull(); // cut inside the scan
    expect(stripMetadata(jpeg.subarray(0, jpeg.length - 2), 'jpeg')).toBeNull(); // no EOI
    expect(stripMetadata(Buffer.concat([jpeg.subarray(0, -2), TRAILER]), 'jpeg')).toBeNull();
    expect(stripMetadata(Buffer.concat([Buffer.from([0xff, 0xd9]), jpeg.subarray(2)]), 'jpeg')).toBeNull();
    expect(stripMetadata(longSegment, 'jpeg')).toBeNull();
    expect(stripMetadata(Buffer.from([0xff, 0xd8, 0xff, 0xd9]), 'jpeg')).toBeNull(); // EOI before any scan
    expect(stripMetadata(Buffer.alloc(0), 'jpeg')).toBeNull();
  });
});

describe('stripMetadata on WebP', () => {
  it('drops EXIF, XMP and unknown chunks, clears their VP8X flags and fixes the RIFF size', async () => {
    const clean = await noise(64, 48, 3).withIccProfile('p3').withExif(EXIF).withXmp(XMP).webp({ quality: 80 }).toBuffer();
    const input = Buffer.concat([withWebpChunk(clean, 'ZZZZ', latin1('secret-odd!')), TRAILER]);
    expect(input[20]! & 0x0c).toBe(0x0c);
    expectContains(input, ['secret-gps-owner', 'secret-xmp', 'secret-odd!', 'appended-secret']);
    const before = Buffer.from(input);

    const out = strip(input, 'webp');

    expect(webpChunks(out).map((c) => c.fourcc)).toEqual(['VP8X', 'ICCP', 'VP8 ']);
    expect(out.readUInt32LE(4)).toBe(out.length - 8);
    expect(out[20]).toBe(input[20]! & ~0x0c); // only EXIF and XMP cleared: ICC stays announced
    expect(input.equals(before)).toBe(true);
    const vp8 = (webp: Buffer) => webpChunks(webp).find((c) => c.fourcc === 'VP8 ')!.bytes;
    expect(vp8(out).equals(vp8(clean))).toBe(true);
    expect((await sharp(out).metadata()).icc).toBeDefined();
    await expectNoMetadata(out);
    await expectSamePixels(out, clean);
  });

  it('keeps lossless, alpha and simple (no VP8X) images exact', async () => {
    const lossless = await withMetadata(noise(33, 17, 3), 'webp', { lossless: true });
    expect(webpChunks(lossless).map((c) => c.fourcc)).toEqual(['VP8X', 'VP8L', 'EXIF', 'XMP ']);
    expect((await pixels(strip(Buffer.concat([lossless, TRAILER]), 'webp'))).data.equals(await noise(33, 17, 3).raw().toBuffer())).toBe(
      true,
    );

    const alpha = await withMetadata(noise(33, 17, 4), 'webp', { quality: 50 });
    const out = strip(alpha, 'webp');
    expect(webpChunks(out).map((c) => c.fourcc)).toEqual(['VP8X', 'ALPH', 'VP8 ']);
    await expectSamePixels(out, alpha);

    const simple = await noise(33, 17, 3).webp().toBuffer();
    expect(webpChunks(simple).map((c) => c.fourcc)).toEqual(['VP8 ']);
    expect(strip(Buffer.concat([simple, TRAILER]), 'webp')).toEqual(simple);
  });

  it('returns null for animations and a container it cannot walk', async () => {
    const webp = await noise(32, 16, 3).webp().toBuffer();
    const frames = await Promise.all([1, 2].map((seed) => noise(16, 16, 3, seed).png().toBuffer()));
    const animated = await sharp(frames, { join: { animated: true } })
      .webp()
      .toBuffer();
    const tooLong = Buffer.from(webp);
    tooLong.writeUInt32LE(webp.length, 4);
    const longChunk = Buffer.from(webp);
    longChunk.writeUInt32LE(webp.length, 16);
    const badSignature = Buffer.from(webp);
    badSignature.write('WEBX', 8, 'latin1');

    expect(webpChunks(animated).map((c) => c.fourcc)).toContain('ANIM');
    expect(stripMetadata(animated, 'webp')).toBeNull();
    expect(stripMetadata(withWebpChunk(await withMetadata(noise(8, 8, 3), 'webp'), 'ANIM', Buffer.alloc(6)), 'webp')).toBeNull();
    expect(stripMetadata(webp.subarray(0, webp.length - 10), 'webp')).toBeNull(); // cut inside VP8
    expect(stripMetadata(tooLong, 'webp')).toBeNull(); // RIFF size past the end
    expect(stripMetadata(longChunk, 'webp')).toBeNull();
    expect(stripMetadata(badSignature, 'webp')).toBeNull();
    expect(stripMetadata(Buffer.alloc(0), 'webp')).toBeNull();
  });
});

describe('stripMetadata on any image', () => {
  const format = fc.constantFrom<Format>('png', 'jpeg', 'webp');

  it('decodes to the same pixels as its input', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          format,
          width: fc.integer({ min: 1, max: 40 }),
          height: fc.integer({ min: 1, max: 40 }),
          channels: fc.constantFrom<3 | 4>(3, 4),
          seed: fc.integer(),
          quality: fc.integer({ min: 1, max: 100 }),
          progressive: fc.boolean(),
          lossless: fc.boolean(),
        }),
        async ({ format, width, height, channels, seed, ...options }) => {
          const input = await withMetadata(noise(width, height, channels, seed), format, options);
          const out = strip(Buffer.concat([input, TRAILER]), format);
          await expectNoMetadata(out);
          await expectSamePixels(out, input);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('returns null for every truncation and never throws on corrupted bytes', async () => {
    const images = await Promise.all(
      (['png', 'jpeg', 'webp'] as const).map(async (f) => [f, await withMetadata(noise(24, 16, 4), f, { progressive: true })] as const),
    );
    for (const [f, image] of images) {
      for (let cut = 0; cut < image.length; cut++) expect(stripMetadata(image.subarray(0, cut), f)).toBeNull();
    }
    fc.assert(
      fc.property(fc.constantFrom(...images), fc.array(fc.tuple(fc.nat(), fc.nat(255)), { maxLength: 8 }), ([f, image], edits) => {
        const corrupted = Buffer.from(image);
        for (const [at, value] of edits) corrupted[at % corrupted.length] = value;
        const out = stripMetadata(corrupted, f);
        expect(out === null || out.length <= corrupted.length).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
