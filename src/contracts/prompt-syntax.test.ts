import { describe, expect, it } from 'vitest';
import { compilePrompt, parsePrompt } from './prompt-syntax.js';

const weights = (p: string) => parsePrompt(p).map((r) => [r.text, Math.round(r.weight * 1000) / 1000]);

describe('parsePrompt', () => {
  it('reads A1111 and NovelAI weights, nested ones multiplied', () => {
    expect(weights('1girl, (smile), [hat], {red eyes}, (night sky:1.3)')).toEqual([
      ['1girl, ', 1],
      ['smile', 1.1],
      [', ', 1],
      ['hat', 0.909],
      [', ', 1],
      ['red eyes', 1.05],
      [', ', 1],
      ['night sky', 1.3],
    ]);
    expect(weights('((masterpiece))')).toEqual([['masterpiece', 1.21]]);
    expect(weights('(a (b:1.5) c:0.5)')).toEqual([
      ['a ', 0.5],
      ['b', 0.75],
      [' c', 0.5],
    ]);
  });

  it('keeps escaped and unclosed brackets as text', () => {
    expect(weights('saber_\\(fate\\), (smile')).toEqual([['saber_\\(fate\\), (smile', 1]]);
    expect(weights('a) b]')).toEqual([['a) b]', 1]]);
    // A1111's prompt editing is not a weight.
    expect(weights('[cat:dog:0.5], x')).toEqual([['[cat:dog:0.5], x', 1]]);
  });

  it('gives each run its place in the source, for highlighting', () => {
    const src = 'cat, (dog:1.2)';
    for (const r of parsePrompt(src)) expect(src.slice(r.start, r.end)).toContain(r.text);
  });
});

describe('compilePrompt', () => {
  const prompt = 'masterpiece, {{silver_hair}}, (smile:1.2), [hat], saber_\\(fate\\), long_hair';

  it('keeps A1111 syntax for SDXL checkpoints, with braces as explicit weights', () => {
    expect(compilePrompt(prompt, 'sdxl')).toBe('masterpiece, (silver_hair:1.1), (smile:1.2), (hat:0.91), saber_\\(fate\\), long_hair');
  });

  it('writes plain words for natural-language models', () => {
    expect(compilePrompt(prompt, 'natural')).toBe('masterpiece, silver hair, smile, hat, saber (fate), long hair');
    expect(compilePrompt('  (a fox:1.4) ,, in  snow ', 'natural')).toBe('a fox, in snow');
  });

  it('leaves a prompt without syntax as it was', () => {
    const plain = 'A girl with silver hair under cherry blossoms at dusk.';
    expect(compilePrompt(plain, 'natural')).toBe(plain);
    expect(compilePrompt(plain, 'sdxl')).toBe(plain);
  });

  it('round-trips: compiling the SDXL output again changes nothing', () => {
    const once = compilePrompt(prompt, 'sdxl');
    expect(compilePrompt(once, 'sdxl')).toBe(once);
    expect(parsePrompt(once).map((r) => r.weight)).toEqual(parsePrompt(prompt).map((r) => Math.round(r.weight * 100) / 100));
  });
});
