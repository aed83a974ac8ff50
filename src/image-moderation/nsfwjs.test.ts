import { afterAll, describe, expect, it } from 'vitest';
import { drawnImage, photoLikeImage } from '../../test/helpers/moderation-images.js';
import { createLocalImageModerator } from './nsfwjs.js';
import { ImageModerationUnavailable } from './types.js';

/**
 * The real local classifier (NSFWJS MobileNetV2 on WebAssembly, its own
 * thread) on self-made images: a manga-style drawing and a photo-like
 * landscape. Neither is explicit; only the landscape reads as a photograph.
 */
describe('local image check (NSFWJS)', () => {
  const moderator = createLocalImageModerator({ timeoutMs: 60_000 });
  afterAll(() => moderator.close?.());

  it('reads a drawing as drawn and safe, and a photo-like picture as photographic', { timeout: 120_000 }, async () => {
    const drawn = await moderator.classify(await drawnImage(), 'image/png');
    expect(drawn).toMatchObject({ explicit: false, suggestive: false, photographic: false });
    expect(Object.keys(drawn.scores).sort()).toEqual(['Drawing', 'Hentai', 'Neutral', 'Porn', 'Sexy']);
    const photo = await moderator.classify(await photoLikeImage(), 'image/jpeg');
    expect(photo).toMatchObject({ explicit: false, photographic: true });
  });

  it('answers the same for the same image, and off the event loop (it stays responsive)', { timeout: 120_000 }, async () => {
    const image = await drawnImage();
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    const [a, b] = await Promise.all([moderator.classify(image, 'image/png'), moderator.classify(image, 'image/png')]);
    clearInterval(timer);
    expect(a.scores).toEqual(b.scores);
    expect(ticks).toBeGreaterThan(0);
  });

  it('is "unavailable" for bytes it cannot decode, so callers hold the image', async () => {
    await expect(moderator.classify(Buffer.from('not an image'), 'image/png')).rejects.toBeInstanceOf(ImageModerationUnavailable);
  });
});
