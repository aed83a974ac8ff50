import { describe, expect, it } from 'vitest';
import type { ImageSettings } from './image-settings.js';
import { applyImageSettings } from './import-settings.js';
import { localModel as local, plainModel as plain } from './test-models.js';

const a1111: ImageSettings = {
  source: 'a1111',
  prompt: '1girl',
  negativePrompt: 'lowres',
  other: { Seed: '1234', Steps: '32', 'CFG scale': '7', Sampler: 'DPM++ 2M', 'Clip skip': '2' },
};

describe('importing sampling settings', () => {
  it("fills seed (locked), steps, CFG and sampler for a model that takes them, keeping other models' tuning", () => {
    const { patch, result } = applyImageSettings(a1111, [plain, local], local, { plain: { steps: 3 } });
    expect(patch).toMatchObject({ seed: '1234', seedLocked: true });
    expect(patch.tuning).toEqual({ plain: { steps: 3 }, local: { steps: 32, guidance: 7, sampler: 'DPM++ 2M' } });
    expect(result.filled).toEqual(expect.arrayContaining(['seed', 'steps', 'guidance', 'sampler']));
    expect(result.unused).toEqual(['Clip skip 2']);
  });

  it('names what the chosen model cannot take instead of filling it', () => {
    const { patch, result } = applyImageSettings(a1111, [plain], plain);
    expect(patch.seed).toBeUndefined();
    expect(patch.tuning).toBeUndefined();
    expect(result.unused).toEqual(expect.arrayContaining(['Seed 1234', 'Steps 32', 'CFG scale 7', 'negative prompt']));
    // Out of range for the model: named, not clipped.
    const far = applyImageSettings({ ...a1111, other: { Steps: '500' } }, [local], local);
    expect(far.result.unused).toEqual(['Steps 500']);
  });
});
