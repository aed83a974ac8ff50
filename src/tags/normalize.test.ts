import { describe, expect, it } from 'vitest';
import { tagsOfPrompt } from './normalize.js';
import { countTagUsage } from './tag-usage.js';

describe('reading tags out of prompts', () => {
  it('splits on commas and drops attention brackets and weights, keeping escaped ones', () => {
    expect(tagsOfPrompt('1girl, (long hair:1.2), [smile], hatsune miku \\(append\\)\nblue eyes')).toEqual([
      '1girl',
      'long_hair',
      'smile',
      'hatsune_miku_(append)',
      'blue_eyes',
    ]);
  });

  it('counts a tag once per prompt', () => {
    expect(countTagUsage(['smile, smile, 1girl', 'smile'])).toEqual(
      new Map([
        ['smile', 2],
        ['1girl', 1],
      ]),
    );
  });
});
