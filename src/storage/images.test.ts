import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { createImageProcessor } from './images.js';

const images = createImageProcessor({ maxBytes: 5 * 1024 * 1024, maxPixels: 4_000_000 });
const noise = (width: number, height: number) => {
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 7919) % 251;
  return sharp(pixels, { raw: { width, height, channels: 3 } });
};
const pixelsOf = async (bytes: Buffer) => (await sharp(bytes).raw().toBuffer({ resolveWithObject: true })).data;
const secret = { IFD0: { Copyright: 'home-address-secret', ImageDescription: 'gps-secret' } };

describe('image processing', () => {
  it('stores a result without metadata or appended bytes, its pixels exactly as the provider made them', async () => {
    for (const format of ['png', 'jpeg', 'webp'] as const) {
      const made = await noise(700, 400).withExif(secret).toFormat(format).toBuffer();
      const input = Buffer.concat([made, Buffer.from('appended-secret')]);
      const out = await images.ingestResult(input);
      const text = out.bytes.toString('latin1');
      expect(text, format).not.toContain('secret');
      expect((await sharp(out.bytes).metadata()).exif, format).toBeUndefined();
      expect((await pixelsOf(out.bytes)).equals(await pixelsOf(made)), format).toBe(true);
      expect(out).toMatchObject({ format, contentType: `image/${format}`, width: 700, height: 400 });
      expect(await sharp(out.thumbnail).metadata(), format).toMatchObject({ format: 'webp', width: 512, height: 293 });
    }
  });

  it('turns an upload upright by its EXIF orientation, then drops the EXIF', async () => {
    const sideways = await noise(60, 40).withExif(secret).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    expect((await sharp(sideways).metadata()).orientation).toBe(6);
    const out = await images.validateUpload(sideways);
    expect(out).toMatchObject({ width: 40, height: 60, format: 'jpeg' });
    expect((await sharp(out.bytes).metadata()).exif).toBeUndefined();
    expect(out.bytes.toString('latin1')).not.toContain('secret');
  });

  it('refuses a truncated image and one whose pixel data is damaged', async () => {
    const png = await noise(300, 200).png().toBuffer();
    const truncated = png.subarray(0, Math.floor(png.length * 0.7));
    const damaged = Buffer.from(png);
    for (let i = 200; i < 260; i++) damaged[i] = 0xaa;
    for (const bytes of [truncated, damaged]) {
      await expect(images.ingestResult(bytes)).rejects.toMatchObject({ code: 'unsupported_image' });
    }
  });
});
