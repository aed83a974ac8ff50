import { describe, expect, it } from 'vitest';
import { parseExplicitFilter } from './explicit-filter.js';
import { parseJapaneseTerms } from './japanese-terms.js';
import { blendedScore, suggestTags } from './suggest-tags.js';
import { buildTagIndex, type TagRecord } from './tag-index.js';

const tag = (name: string, postCount: number, aliases: string[] = [], category = 0): TagRecord => ({ name, category, postCount, aliases });

const records = [
  tag('long_hair', 4_677_240, ['/lh', 'longhair']),
  tag('looking_at_viewer', 3_591_177, ['/lav']),
  tag('long_sleeves', 1_715_865, ['/lsleeves']),
  tag('low_twintails', 300_000),
  tag('very_long_hair', 900_000),
  tag('breasts', 3_696_374, ['boobs', 'oppai']),
  tag('nipples', 1_000_000),
  tag('long_penis_example', 5_000_000),
  tag('hatsune_miku', 200_000, [], 4),
  tag('hatsune_miku_(append)', 5_000, [], 4),
  tag('vocaloid', 400_000, [], 3),
  tag('lonely_artist', 9_000_000, [], 1),
  tag('highres', 5_763_262, [], 5),
];
const isExplicit = parseExplicitFilter('word:penis\nnipples\nword:boobs\nword:oppai\n');
const japanese = parseJapaneseTerms('long_hair\t長髪|ロングヘア\nhatsune_miku\t初音ミク\n');
const index = buildTagIndex(records, { isExplicit, japanese, includeArtists: false });
const names = (query: string, limit = 10, usage?: Map<string, number>) =>
  suggestTags(index, query, usage ? { limit, usage } : { limit }).map((s) => s.name);

describe('suggestTags', () => {
  it('ranks names starting with the query by post count, before names with a later word starting with it', () => {
    expect(names('lo')).toEqual(['long_hair', 'looking_at_viewer', 'long_sleeves', 'low_twintails', 'very_long_hair']);
  });

  it('reads spaces as underscores and ignores case and full-width letters', () => {
    expect(names('Long H')).toEqual(['long_hair', 'very_long_hair']);
    expect(names('ｌｏｎｇ＿ｓ')).toEqual(['long_sleeves']);
  });

  it('lifts the tags the user used recently, without burying popular ones', () => {
    expect(names('lo', 10, new Map([['low_twintails', 7]]))[0]).toBe('low_twintails');
    // One use passes a tag with 6 times the posts (long_sleeves), not one with 12 times (looking_at_viewer).
    expect(names('lo', 4, new Map([['low_twintails', 1]]))).toEqual(['long_hair', 'looking_at_viewer', 'low_twintails', 'long_sleeves']);
    expect(blendedScore(1000, 1)).toBeCloseTo(blendedScore(10_000, 0));
  });

  it('then aliases, saying which alias matched', () => {
    expect(suggestTags(index, '/l', { limit: 10 })).toEqual([
      { name: 'long_hair', category: 'general', postCount: 4_677_240, alias: '/lh' },
      { name: 'looking_at_viewer', category: 'general', postCount: 3_591_177, alias: '/lav' },
      { name: 'long_sleeves', category: 'general', postCount: 1_715_865, alias: '/lsleeves' },
    ]);
  });

  it('then names with a later word starting with the query, after the prefix matches', () => {
    expect(names('lon')).toEqual(['long_hair', 'long_sleeves', 'very_long_hair']);
    expect(names('hair')).toEqual(['long_hair', 'very_long_hair']);
    expect(names('long_h')).toEqual(['long_hair', 'very_long_hair']);
    expect(names('append')).toEqual(['hatsune_miku_(append)']);
  });

  it('finds names with brackets typed escaped, as they are written in prompts', () => {
    expect(names('hatsune miku \\(')).toEqual(['hatsune_miku_(append)']);
  });

  it('never suggests an explicit tag, by name, by alias or by word', () => {
    expect(names('nipp')).toEqual([]);
    expect(names('long_p')).toEqual([]);
    expect(names('penis')).toEqual([]);
    // A safe tag stays; only its slang aliases are gone.
    expect(names('boobs')).toEqual([]);
    expect(names('oppai')).toEqual([]);
    expect(names('breasts')).toEqual(['breasts']);
  });

  it('suggests explicit tags only with the opt-in (which no account has yet)', () => {
    expect(suggestTags(index, 'nipp', { limit: 5, allowExplicit: true }).map((s) => s.name)).toEqual(['nipples']);
  });

  it('finds tags from Japanese, in kanji, katakana or hiragana', () => {
    expect(suggestTags(index, '長髪', { limit: 5 })).toEqual([
      { name: 'long_hair', category: 'general', postCount: 4_677_240, alias: '長髪' },
    ]);
    expect(names('ロングヘア')).toEqual(['long_hair']);
    expect(names('ろんぐへあ')).toEqual(['long_hair']);
    expect(names('初音')).toEqual(['hatsune_miku']);
  });

  it('leaves artist tags out unless the operator turned them on', () => {
    expect(names('lonely')).toEqual([]);
    const withArtists = buildTagIndex(records, { isExplicit, japanese, includeArtists: true });
    expect(suggestTags(withArtists, 'lonely', { limit: 5 })).toEqual([{ name: 'lonely_artist', category: 'artist', postCount: 9_000_000 }]);
  });

  it('gives each category by name and respects the limit', () => {
    expect(suggestTags(index, 'h', { limit: 2 }).map((s) => [s.name, s.category])).toEqual([
      ['highres', 'meta'],
      ['hatsune_miku', 'character'],
    ]);
    expect(names('', 5)).toEqual([]);
  });
});
