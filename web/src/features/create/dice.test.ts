import { describe, expect, it } from 'vitest';
import { diceCategories, diceWords, rollPrompt, seededRandom } from './dice.js';

describe('the dice', () => {
  it('takes one entry from every category, in order, as tags for SDXL checkpoints', () => {
    const first = () => 0;
    expect(rollPrompt('sdxl', first)).toBe(
      '1girl, long hair, silver hair, red eyes, school uniform, serafuku, standing, looking at viewer, cherry blossoms, petals, sunset, golden hour',
    );
    const last = () => 0.999_999;
    expect(rollPrompt('sdxl', last)).toBe(diceCategories.map((c) => diceWords[c].at(-1)![0]).join(', '));
  });

  it('writes one sentence for natural-language models', () => {
    expect(rollPrompt('natural', () => 0)).toBe(
      'a young woman with long silver hair and red eyes, wearing a sailor school uniform, standing and looking at the viewer, under falling cherry blossoms, in warm golden-hour light',
    );
  });

  it('rolls the same prompt from the same seed, and different ones as it goes on', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const rolls = Array.from({ length: 20 }, () => rollPrompt('sdxl', a));
    expect(Array.from({ length: 20 }, () => rollPrompt('sdxl', b))).toEqual(rolls);
    expect(new Set(rolls).size).toBeGreaterThan(15);
    expect(rollPrompt('sdxl', seededRandom(7))).not.toBe(rollPrompt('sdxl', seededRandom(8)));
  });

  it('gives every category several choices, each with a tag and a phrase', () => {
    for (const c of diceCategories) {
      expect(diceWords[c].length, c).toBeGreaterThanOrEqual(6);
      for (const [tag, phrase] of diceWords[c]) {
        expect(tag.trim(), c).not.toBe('');
        expect(phrase.trim(), c).not.toBe('');
      }
    }
  });
});
