import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAiModerationFake } from '../../test/fakes/openai-moderation.js';
import { Secret } from '../lib/secret.js';
import { createOpenAiImageModerator } from './openai.js';
import { ImageModerationUnavailable } from './types.js';

describe('OpenAI image check (against a local fake of its documented protocol)', () => {
  let fake: Awaited<ReturnType<typeof startOpenAiModerationFake>>;
  beforeAll(async () => {
    fake = await startOpenAiModerationFake('sk-test-key');
  });
  afterAll(() => fake.close());
  const moderator = (key = 'sk-test-key') =>
    createOpenAiImageModerator({ apiKey: new Secret(key), baseUrl: fake.baseUrl, model: 'omni-moderation-latest', timeoutMs: 2000 });
  const png = Buffer.from('89504e470d0a1a0a', 'hex');

  it('sends the image as a data URL with the model and key, and reads a safe answer', async () => {
    fake.state.sexualScore = 0.01;
    const verdict = await moderator().classify(png, 'image/png');
    expect(verdict).toMatchObject({ explicit: false, suggestive: false, photographic: true, scores: { sexual: 0.01 } });
    const last = fake.state.requests.at(-1)!;
    expect(last.auth).toBe('Bearer sk-test-key');
    expect(last.body).toEqual({
      model: 'omni-moderation-latest',
      input: [{ type: 'image_url', image_url: { url: `data:image/png;base64,${png.toString('base64')}` } }],
    });
  });

  it('reads sexual (or sexual/minors) as explicit, and a middling sexual score as suggestive', async () => {
    fake.state.sexualScore = 0.9;
    expect((await moderator().classify(png, 'image/png')).explicit).toBe(true);
    fake.state.sexualScore = 0.3;
    expect(await moderator().classify(png, 'image/png')).toMatchObject({ explicit: false, suggestive: true });
    fake.state.sexualScore = 0.01;
    fake.state.minorsScore = 0.8;
    expect((await moderator().classify(png, 'image/png')).explicit).toBe(true);
    fake.state.minorsScore = 0.001;
  });

  it('is unavailable (so the image is held) on a server error, a refused key or no server, never naming the key', async () => {
    fake.state.status = 500;
    await expect(moderator().classify(png, 'image/png')).rejects.toBeInstanceOf(ImageModerationUnavailable);
    fake.state.status = 200;
    const refused = await moderator('sk-wrong-key')
      .classify(png, 'image/png')
      .catch((e: Error) => e);
    expect(refused).toBeInstanceOf(ImageModerationUnavailable);
    expect(String((refused as Error).message)).not.toContain('sk-wrong');
    const gone = createOpenAiImageModerator({
      apiKey: new Secret('k'),
      baseUrl: 'http://127.0.0.1:9/v1',
      model: 'omni-moderation-latest',
      timeoutMs: 500,
    });
    await expect(gone.classify(png, 'image/png')).rejects.toBeInstanceOf(ImageModerationUnavailable);
  });
});
