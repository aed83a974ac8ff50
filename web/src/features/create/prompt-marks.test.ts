import { describe, expect, it } from 'vitest';
import { promptMarks, promptTags } from './prompt-marks.js';

describe('prompt marks', () => {
  it('marks stronger and weaker weights and gives the prompt back exactly', () => {
    const prompt = '1girl, (smile:1.3), [hat], {red eyes}, plain';
    const marks = promptMarks(prompt, new Set());
    expect(marks.map((m) => m.text).join('')).toBe(prompt);
    expect(marks.filter((m) => m.kind !== 'plain').map((m) => [m.text, m.kind])).toEqual([
      ['smile', 'up'],
      ['hat', 'down'],
      ['red eyes', 'up'],
    ]);
  });

  it('marks a tag the list does not know, whatever its weight', () => {
    const prompt = 'long hair, (sliver hair:1.2), saber \\(fate\\)';
    expect(promptTags(prompt).map((t) => t.name)).toEqual(['long hair', 'sliver hair', 'saber \\(fate\\)']);
    const marks = promptMarks(prompt, new Set(['sliver hair']));
    expect(marks.map((m) => m.text).join('')).toBe(prompt);
    expect(marks.find((m) => m.kind === 'unknown')?.text).toBe('(sliver hair:1.2)');
  });
});
