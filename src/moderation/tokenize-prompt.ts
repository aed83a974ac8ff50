import { foldKana } from './normalize-prompt.js';

/**
 * What separates a token from the one before it, weakest first. A comma or
 * a new line (HARD) ends a tag, so a phrase never spans one; whitespace
 * (SPACE) separates words; any other punctuation (SOFT: `_ - . * ( ) :` and
 * emoji) may sit inside a word to disguise it (`l.o.l.i`, `aged_down`).
 * NONE: a change of script with nothing between (`loli幼女`, `12歳`).
 */
export const NONE = 0;
export const SOFT = 1;
export const SPACE = 2;
export const HARD = 3;
export type Gap = typeof NONE | typeof SOFT | typeof SPACE | typeof HARD;

export interface Token {
  /** As compared: the normalised word; in the leet reading, 0 1 3 4 5 7 @ $ read as letters and l as i (l0li → ioii). */
  text: string;
  /** As ages read it: in the leet reading, a number that opens the word keeps its digits (12y0 → 12yo). */
  ageText: string;
  /** Kana or ideographs (matched as substrings), as opposed to a Latin-like word (matched whole). */
  cjk: boolean;
  /** CJK only: the characters before kana folding, for the rule on where a hiragana word starts. */
  raw: string;
  gap: Gap;
}

/** Tag separators, as typed or after NFKC (，→ , ；→ ;); `、` and `。` are Japanese. */
const HARD_CHARS = new Set([',', ';', '|', '\n', '\r', '、', '。']);

/** Kana, kanji and Hangul: scripts written without spaces between words, so terms are found inside words. */
function isCjkCode(code: number): boolean {
  return (
    (code >= 0x3041 && code <= 0x309f) ||
    (code >= 0x30a1 && code <= 0x30fa) || // katakana without ゠ and the middle dot ・ (punctuation)
    (code >= 0x30fc && code <= 0x30ff) ||
    (code >= 0x3005 && code <= 0x3007) ||
    (code >= 0x31f0 && code <= 0x31ff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0x1100 && code <= 0x11ff) ||
    (code >= 0x3130 && code <= 0x318f) ||
    (code >= 0xac00 && code <= 0xd7af) ||
    (code >= 0x20000 && code <= 0x3134f)
  );
}

const WORD = /[\p{L}\p{N}]/u;
const WHITE = /\s/u;

/** The letters leetspeak stands for. `l` is read as `i` too: `1` may stand for either, so both meet in `i`. */
const LEET: Readonly<Record<string, string>> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's', l: 'i' };

function leetAll(word: string): string {
  let out = '';
  for (const ch of word) out += LEET[ch] ?? ch;
  return out;
}

/** As {@link leetAll}, but a number that opens the word stays one when it has two digits or is the whole word. */
function leetForAges(word: string): string {
  let digits = 0;
  while (digits < word.length && word.charCodeAt(digits) >= 0x30 && word.charCodeAt(digits) <= 0x39) digits++;
  if (digits === word.length || digits >= 2) return word.slice(0, digits) + leetAll(word.slice(digits));
  return leetAll(word);
}

/**
 * The words of a normalised text (see normalizeText), in order, each with the
 * separator before it. `leet` gives the leetspeak reading: `@` and `$` are
 * letters and digits are read as the letters they stand for. One pass, linear.
 */
export function tokenize(text: string, leet: boolean): Token[] {
  const tokens: Token[] = [];
  let word = '';
  let wordCjk = false;
  let gap: Gap = NONE;
  const flush = () => {
    if (!word) return;
    if (wordCjk) tokens.push({ text: foldKana(word), ageText: word, cjk: true, raw: word, gap });
    else if (leet) tokens.push({ text: leetAll(word), ageText: leetForAges(word), cjk: false, raw: '', gap });
    else tokens.push({ text: word, ageText: word, cjk: false, raw: '', gap });
    word = '';
    gap = NONE;
  };
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    const cjk = isCjkCode(code);
    if (cjk || (leet && (ch === '@' || ch === '$')) || WORD.test(ch)) {
      if (word && cjk !== wordCjk) flush();
      word += ch;
      wordCjk = cjk;
      continue;
    }
    flush();
    const kind: Gap = HARD_CHARS.has(ch) ? HARD : WHITE.test(ch) ? SPACE : SOFT;
    if (kind > gap) gap = kind;
  }
  flush();
  return tokens;
}

/**
 * Whether two neighbouring tokens may be read as one word: always across
 * punctuation alone (`l.o.l.i`, `lo-li`, `aged_down`), and across spaces or
 * tag separators only when both are single characters (`l o l i`, `ロ リ`).
 * Longer words side by side are never joined: "pen is", "an al fresco" and
 * "Alex's ex" are real words, not a disguise.
 */
export function canJoin(a: Token, b: Token): boolean {
  return a.cjk === b.cjk && (b.gap <= SOFT || (a.text.length === 1 && b.text.length === 1));
}
