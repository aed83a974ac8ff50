import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../lib/paths.js';
import { parseExplicitFilter } from './explicit-filter.js';

const shipped = parseExplicitFilter(readFileSync(projectPath('src/tags/data/explicit-tags.txt'), 'utf8'));

describe('the shipped explicit-tag filter', () => {
  it('catches sexual tags by name and by word, and slang aliases', () => {
    for (const t of [
      'nude',
      'completely_nude',
      'sex_from_behind',
      'large_penis',
      'cum_on_body',
      'cumdrip',
      'nipples',
      'pussy_juice',
      'fellatio',
      'tits',
      'oppai',
      'bdsm',
      'uncensored',
      'pantyshot',
    ]) {
      expect(shipped(t), t).toBe(1);
    }
  });

  it('never suggests sexualised minors, not even to an account with mature content on', () => {
    for (const t of ['loli', 'lolicon', 'shota', 'shotacon', 'toddlercon', 'child_on_child']) expect(shipped(t), t).toBe(2);
  });

  it('leaves ordinary anime vocabulary alone', () => {
    for (const t of [
      'long_hair',
      'breasts',
      'large_breasts',
      'cleavage',
      'swimsuit',
      'bikini',
      'kiss',
      'yuri',
      'facial_hair',
      'facial_mark',
      'sweat',
      'blush',
      'thighhighs',
      'topless_male',
      'sussex',
      'cucumber',
      'dick_grayson',
      'mato_seihei_no_slave',
    ]) {
      expect(shipped(t), t).toBe(0);
    }
  });
});
