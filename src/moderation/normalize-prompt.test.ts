import { describe, expect, it } from 'vitest';
import { foldKana, normalizePrompt, normalizeText } from './normalize-prompt.js';
import { tokenize } from './tokenize-prompt.js';

const words = (text: string, leet = false) => tokenize(normalizeText(text), leet).map((t) => t.text);

describe('normalizePrompt', () => {
  it('unifies compatibility forms: full-width, mathematical, circled and superscript letters, half-width kana', () => {
    expect(normalizePrompt('ＬＯＬＩ 𝐥𝐨𝐥𝐢 ⓛⓞⓛⓘ ˡᵒˡⁱ ﾛﾘ ﾊﾟﾝﾂ')).toBe('loli loli loli loli ロリ パンツ');
  });

  it('folds case, and hiragana to katakana', () => {
    expect(normalizePrompt('LoLi NuDe ろり えっち')).toBe('loli nude ロリ エッチ');
    expect(foldKana('ひらがな・カタカナ')).toBe('ヒラガナ・カタカナ');
  });

  it('drops zero-width and other invisible characters, the soft hyphen and variation selectors', () => {
    const hidden = [
      '\u200B',
      '\u200C',
      '\u200D',
      '\u200E',
      '\u200F',
      '\u2060',
      '\u2063',
      '\uFEFF',
      '\u00AD',
      '\uFE0F',
      '\u034F',
      '\u{E0041}',
    ];
    for (const ch of hidden) expect(normalizePrompt(`lo${ch}li`), JSON.stringify(ch)).toBe('loli');
  });

  it('drops combining marks that disguise letters, but keeps kana voicing', () => {
    expect(normalizePrompt('ĺöĺï n̶u̶d̶e̶ l̲o̲l̲i̲')).toBe('loli nude loli');
    expect(normalizePrompt('ガ ぱ')).toBe('ガ パ');
  });

  it('reads Cyrillic, Greek and Armenian look-alikes, small capitals and regional indicators as Latin letters', () => {
    expect(normalizePrompt('lоlі')).toBe('loli'); // Cyrillic о and і
    expect(normalizePrompt('ΝUDΕ')).toBe('nude'); // Greek Nu and Epsilon
    expect(normalizePrompt('nսde')).toBe('nude'); // Armenian u
    expect(normalizePrompt('ʟᴏʟɪ')).toBe('loli');
    expect(normalizePrompt('🇱🇴🇱🇮')).toBe('loli');
  });

  it('keeps digits and punctuation: ages need the numbers, the tokeniser the separators', () => {
    expect(normalizePrompt('12 Year-Old, (Girl:1.2)')).toBe('12 year-old, (girl:1.2)');
  });
});

describe('tokenize', () => {
  it('splits on spaces, punctuation and tag separators, and between scripts', () => {
    expect(words('aged_down, (loli:1.3) {{nude}}')).toEqual(['aged', 'down', 'loli', '1', '3', 'nude']);
    expect(words('loli幼女12歳')).toEqual(['loli', '幼女', '12', '歳']);
  });

  it('reads leetspeak in its own reading, where l and 1 both become i', () => {
    expect(words('l0l1 $3x n@ked', true)).toEqual(['ioii', 'sex', 'naked']);
    expect(words('l0l1 $3x', false)).toEqual(['l0l1', '3x']);
  });

  it('keeps a number a number for ages in the leet reading', () => {
    const [age, year] = tokenize(normalizeText('12 y3@r'), true);
    expect([age?.ageText, year?.text]).toEqual(['12', 'year']);
  });
});
