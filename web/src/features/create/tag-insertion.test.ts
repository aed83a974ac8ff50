import { describe, expect, it } from 'vitest';
import { changedChars, insertTag, tagAtCaret, tagText } from './tag-insertion.js';

/** Types `before|after` (| is the caret), picks `name`, and shows the result with the caret. */
function pick(withCaret: string, name: string, keepUnderscores = false): string {
  const caret = withCaret.indexOf('|');
  const text = withCaret.replace('|', '');
  const at = tagAtCaret(text, caret);
  if (!at) throw new Error('no tag at the caret');
  const out = insertTag(text, at, name, keepUnderscores);
  return `${out.text.slice(0, out.caret)}|${out.text.slice(out.caret)}`;
}

describe('the tag at the caret', () => {
  it('is what was typed since the last comma, without leading spaces or attention brackets', () => {
    expect(tagAtCaret('1girl, long h', 13)).toEqual({ start: 7, end: 13, query: 'long h' });
    expect(tagAtCaret('1girl, (long h', 14)?.query).toBe('long h');
    expect(tagAtCaret('smile\nblue e', 12)?.query).toBe('blue e');
  });

  it('is nothing right after a comma', () => {
    expect(tagAtCaret('1girl, ', 7)).toBeNull();
  });
});

describe('inserting a chosen tag', () => {
  it('replaces the typed part, then adds a comma and a space for the next tag', () => {
    expect(pick('1girl, long h|', 'long_hair')).toBe('1girl, long hair, |');
    expect(pick('lo|', 'long_hair')).toBe('long hair, |');
  });

  it('keeps the comma that already follows instead of adding another', () => {
    expect(pick('1girl, lo|, smile', 'long_hair')).toBe('1girl, long hair, |smile');
    expect(pick('lo|ng, smile', 'long_hair')).toBe('long hair, |smile');
  });

  it('adds the comma before the next tag when there was none', () => {
    expect(pick('lo| smile', 'long_hair')).toBe('long hair, |smile');
  });

  it('escapes brackets that are part of the name', () => {
    expect(pick('1girl, hatsune miku \\(|', 'hatsune_miku_(append)')).toBe('1girl, hatsune miku \\(append\\), |');
    expect(tagText(':)', false)).toBe(':\\)');
  });

  it('keeps attention brackets and weights the user wrote around the tag', () => {
    expect(pick('(long h|:1.2), smile', 'long_hair')).toBe('(long hair:1.2), |smile');
    expect(pick('(long h|)', 'long_hair')).toBe('(long hair), |');
  });

  it('keeps underscores when the setting says so', () => {
    expect(pick('long h|', 'long_hair', true)).toBe('long_hair, |');
  });
});

describe('telling typing from a paste', () => {
  it('counts only the characters an edit changed', () => {
    expect(changedChars('1girl, lon', '1girl, long')).toBe(1);
    expect(changedChars('1girl, long', '1girl, lon')).toBe(1);
    expect(changedChars('1girl, ', '1girl, 長髪')).toBe(2);
    expect(changedChars('aaa', 'aaaa')).toBe(1);
    expect(changedChars('', 'A fox spirit in the snow, lantern light')).toBe(39);
    expect(changedChars('same length one', 'other text here')).toBeGreaterThan(10);
  });
});
