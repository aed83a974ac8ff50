import { LOOK_ALIKES, REGIONAL_A, REGIONAL_Z } from './look-alikes.js';

/**
 * Characters that carry no letter of their own: format characters (zero-width
 * space and joiners U+200B–U+200F, U+2060–U+2064, U+FEFF, the soft hyphen,
 * bidi controls, tag characters), combining and enclosing marks (a mark over
 * a letter disguises it; variation selectors are marks too), controls, and
 * the blank Hangul fillers and Braille pattern that render as nothing.
 * Kana voicing marks (U+3099, U+309A) are marks but part of the word: NFKC
 * puts them back on their kana (ﾊﾟ → パ).
 */
const INVISIBLE = /[\p{Cf}\p{Mn}\p{Me}\p{Cc}\u115F\u1160\u3164\uFFA0\u2800]/gu;
const KEPT = new Set(['\u3099', '\u309A', '\n', '\r', '\t']);

/**
 * The spelling every rule compares in, before kana folding: compatibility
 * forms unified (NFKC: full-width letters, ligatures, mathematical and circled
 * letters, half-width kana), look-alike letters read as Latin ones, lower
 * case, invisible characters and marks gone. Digits and punctuation stay:
 * ages need the digits, and the tokeniser reads punctuation as separators.
 */
export function normalizeText(text: string): string {
  let mapped = '';
  for (const ch of text.normalize('NFKD')) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= REGIONAL_A && code <= REGIONAL_Z) mapped += String.fromCharCode(0x61 + code - REGIONAL_A);
    else mapped += LOOK_ALIKES.get(ch) ?? ch;
  }
  let lower = '';
  // Again after lower-casing: an upper-case look-alike the table does not list may have a lower-case form it does.
  for (const ch of mapped.toLowerCase()) lower += LOOK_ALIKES.get(ch) ?? ch;
  return lower.replace(INVISIBLE, (ch) => (KEPT.has(ch) ? ch : '')).normalize('NFKC');
}

/** Hiragana to the katakana 0x60 above (and the iteration marks), so ろり and ロリ are one word. */
export function foldKana(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    out += (code >= 0x3041 && code <= 0x3096) || code === 0x309d || code === 0x309e ? String.fromCharCode(code + 0x60) : ch;
  }
  return out;
}

/** The prompt as the policy reads it: {@link normalizeText}, then hiragana folded to katakana. */
export function normalizePrompt(text: string): string {
  return foldKana(normalizeText(text));
}
