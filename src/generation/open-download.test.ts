import { describe, expect, it } from 'vitest';
import { downloadSettings } from './open-download.js';

const generation = {
  prompt: '1girl, lantern light',
  negativePrompt: 'blurry',
  modelId: 'nano-banana',
  provider: 'kie',
  aspectRatio: '3:4',
  seed: 41,
  createdAt: new Date('2026-12-06T12:00:00Z'),
};

describe('settings written into a download', () => {
  it('names the seed each image was asked with only when the model takes a seed', () => {
    const second = { width: 768, height: 1024, position: 1 };
    const seeded = downloadSettings(generation, second, 'Nano Banana', { includeSeed: true });
    expect(seeded.infotext).toBe(
      '1girl, lantern light\nNegative prompt: blurry\nSeed: 42, Size: 768x1024, Model: Nano Banana, Aspect ratio: "3:4"',
    );
    expect(seeded.json).toMatchObject({ seed: 42, negative: 'blurry', size: { width: 768, height: 1024 } });
    const unseeded = downloadSettings(generation, second, 'Nano Banana', { includeSeed: false });
    expect(unseeded.infotext).not.toContain('Seed');
    expect(unseeded.json).not.toHaveProperty('seed');
  });
});
