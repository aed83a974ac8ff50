import { describe, expect, it } from 'vitest';
import { downloadSettings } from './open-download.js';

const generation = {
  prompt: '1girl, lantern light',
  negativePrompt: 'blurry',
  modelId: 'nano-banana',
  provider: 'kie',
  aspectRatio: '3:4',
  seed: 41,
  steps: null,
  guidance: null,
  strength: null,
  sampler: null,
  createdAt: new Date('2026-12-06T12:00:00Z'),
};

describe('settings written into a download', () => {
  it('names the seed each image was asked with only when the model takes a seed', () => {
    const second = { width: 768, height: 1024, position: 1 };
    const seeded = downloadSettings(generation, second, 'Nano Banana');
    expect(seeded.infotext).toBe(
      '1girl, lantern light\nNegative prompt: blurry\nSeed: 42, Size: 768x1024, Model: Nano Banana, Aspect ratio: "3:4"',
    );
    expect(seeded.json).toMatchObject({ seed: 42, negative: 'blurry', size: { width: 768, height: 1024 } });
    // A model without seeds stores none, so none is written.
    const unseeded = downloadSettings({ ...generation, seed: null }, second, 'Nano Banana');
    expect(unseeded.infotext).not.toContain('Seed');
    expect(unseeded.json).not.toHaveProperty('seed');
  });

  it("writes steps, sampler, CFG and strength under A1111's names where the model used them", () => {
    const tuned = { ...generation, steps: 28, guidance: 6.5, strength: 0.4, sampler: 'Euler a' };
    const { infotext, json } = downloadSettings(tuned, { width: 1024, height: 1024, position: 0 }, 'Local checkpoint');
    expect(infotext.split('\n').at(-1)).toBe(
      'Steps: 28, Sampler: Euler a, CFG scale: 6.5, Seed: 41, Denoising strength: 0.4, Size: 1024x1024, Model: Local checkpoint, Aspect ratio: "3:4"',
    );
    expect(json).toMatchObject({ steps: 28, guidance: 6.5, strength: 0.4, sampler: 'Euler a', seed: 41 });
  });
});
