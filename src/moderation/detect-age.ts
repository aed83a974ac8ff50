import { canJoin, HARD, SPACE, type Token } from './tokenize-prompt.js';

/**
 * Ages under 18 written as a person's age: "12 year old", "12-year-old",
 * "12yo", "12 y/o", "age 12", "twelve years old", 12歳, 十二歳, and school
 * grades 小5 / 中2 / 高1. Any such age counts, whatever it is applied to: a
 * rule that asked what follows ("an 8 year old oak tree") would let one
 * added word unblock a prompt. Alone, an age blocks nothing; it counts
 * only with sexual content.
 */
const ADULT = 18;

/** What follows the number, written together (words and separators dropped); `oid` is `old` in the leet reading. */
const SUFFIXES = ['yo', 'yrold', 'yrsold', 'yearold', 'yearsold', 'yroid', 'yrsoid', 'yearoid', 'yearsoid', 'yearsofage'];
/** What may come before the number. */
const PREFIXES = ['age', 'aged'];

/** Ages under 18 in words, and as the leet reading spells them (l read as i). */
const NUMBER_WORDS = 'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen'
  .split(' ')
  .flatMap((word) => [word, word.replaceAll('l', 'i')]);

const KANJI_DIGITS = new Map([...'〇一二三四五六七八九'].map((ch, n) => [ch, n]));
const isDigitCode = (code: number) => code >= 0x30 && code <= 0x39;
const isDigits = (text: string) => text.length > 0 && [...text].every((ch) => isDigitCode(ch.charCodeAt(0)));

/** Whether the tokens (one reading of a text) name an age under 18. */
export function hasMinorAge(tokens: readonly Token[]): boolean {
  let start = 0;
  for (let i = 1; i <= tokens.length; i++) {
    if (i === tokens.length || tokens[i]!.gap === HARD) {
      if (segmentHasAge(tokens, start, i)) return true;
      start = i;
    }
  }
  for (let i = 0; i < tokens.length; i++) {
    if (!tokens[i]!.cjk) continue;
    let j = i + 1;
    while (j < tokens.length && canJoin(tokens[j - 1]!, tokens[j]!)) j++;
    if (japaneseAge(tokens, i, j)) return true;
    i = j - 1;
  }
  return false;
}

/**
 * One tag, its Latin words written together with their boundaries marked, so
 * "12 year old", "12-year-old" and "1 2 y e a r s" read alike; a suffix or
 * prefix must end or start at a word boundary (12 yoga is not 12 yo). Numbers
 * are read in `ageText` (the leet reading keeps 12 a number), the words
 * around them in `text` (where y34r is year); both have the same length.
 */
function segmentHasAge(tokens: readonly Token[], from: number, to: number): boolean {
  let numbers = '';
  let words = '';
  const boundary: boolean[] = [true];
  for (let i = from; i < to; i++) {
    const token = tokens[i]!;
    if (token.cjk) continue;
    boundary[words.length] = true;
    numbers += token.ageText;
    words += token.text;
    for (let k = boundary.length; k < words.length; k++) boundary[k] = false;
    boundary[words.length] = true;
  }
  const followedBySuffix = (at: number) => SUFFIXES.some((s) => words.startsWith(s, at) && boundary[at + s.length] === true);
  const precededByPrefix = (at: number) =>
    PREFIXES.some((p) => at >= p.length && boundary[at - p.length] === true && words.startsWith(p, at - p.length));
  // Number words between boundaries, so a spaced-out one (t w e l v e) reads too.
  for (let at = 0; at < words.length; at++) {
    if (!boundary[at]) continue;
    for (const word of NUMBER_WORDS)
      if (words.startsWith(word, at) && boundary[at + word.length] && followedBySuffix(at + word.length)) return true;
  }
  // A run of digits may hold several numbers written apart ("1.2) 9-year-old"): each part that
  // starts (before a suffix) or ends (after a prefix) at a word boundary is read on its own.
  const minor = (from: number, to: number) => to - from <= 2 && Number(numbers.slice(from, to)) < ADULT;
  for (let i = 0; i < numbers.length; i++) {
    if (!isDigitCode(numbers.charCodeAt(i)) || (i > 0 && isDigitCode(numbers.charCodeAt(i - 1)))) continue;
    let j = i;
    while (j < numbers.length && isDigitCode(numbers.charCodeAt(j))) j++;
    if (followedBySuffix(j)) for (let k = Math.max(i, j - 2); k < j; k++) if (boundary[k] && minor(k, j)) return true;
    for (let k = i; k < j; k++) {
      if (!boundary[k] || !precededByPrefix(k)) continue;
      for (let end = k + 1; end <= Math.min(j, k + 2); end++) if (boundary[end] && minor(k, end)) return true;
    }
    i = j - 1;
  }
  return false;
}

/**
 * N歳 / N才 (digits or kanji numerals) and 小N / 中N / 高N school grades, in
 * the CJK words from..to read joined (十 二 歳 is 十二歳).
 */
function japaneseAge(tokens: readonly Token[], from: number, to: number): boolean {
  const text = tokens
    .slice(from, to)
    .map((t) => t.text)
    .join('');
  const before = tokens[from - 1];
  const after = tokens[to];
  if ((text.startsWith('歳') || text.startsWith('才')) && before && !before.cjk && tokens[from]!.gap <= SPACE && isDigits(before.text)) {
    if (before.text.length <= 2 && Number(before.text) < ADULT) return true;
  }
  for (let k = text.indexOf('歳'); k >= 0; k = text.indexOf('歳', k + 1)) if (kanjiNumberBefore(text, k) < ADULT) return true;
  for (let k = text.indexOf('才'); k >= 0; k = text.indexOf('才', k + 1)) if (kanjiNumberBefore(text, k) < ADULT) return true;
  if (after && !after.cjk && after.gap <= SPACE && isDigits(after.ageText) && after.ageText.length === 1) {
    const grade = Number(after.ageText);
    const last = text[text.length - 1];
    if ((last === '小' && grade >= 1 && grade <= 6) || ((last === '中' || last === '高') && grade >= 1 && grade <= 3)) return true;
  }
  return false;
}

/** The kanji numeral just before `at` (十二 → 12, 七 → 7), or Infinity when there is none. */
function kanjiNumberBefore(text: string, at: number): number {
  let start = at;
  while (start > 0 && (KANJI_DIGITS.has(text[start - 1]!) || text[start - 1] === '十')) start--;
  // 百十歳 is 110: a larger numeral (or a digit) before the run makes it no age under 18.
  if (start === at || (start > 0 && /[百千万億0-9]/.test(text[start - 1]!))) return Number.POSITIVE_INFINITY;
  const numeral = text.slice(start, at);
  const ten = numeral.indexOf('十');
  if (ten < 0) return numeral.length === 1 ? (KANJI_DIGITS.get(numeral) ?? Number.POSITIVE_INFINITY) : Number.POSITIVE_INFINITY;
  const tens = ten === 0 ? 1 : (KANJI_DIGITS.get(numeral.slice(0, ten)) ?? Number.POSITIVE_INFINITY);
  const units = ten === numeral.length - 1 ? 0 : (KANJI_DIGITS.get(numeral.slice(ten + 1)) ?? Number.POSITIVE_INFINITY);
  return tens * 10 + units;
}
