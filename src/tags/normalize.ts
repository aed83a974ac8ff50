/**
 * The one spelling a tag, alias, Japanese term or query is compared in:
 * NFKC (full-width letters and half-width kana become ordinary ones),
 * lower case, brackets unescaped (`\(` as typed in prompts), runs of spaces
 * as one underscore (Danbooru's spelling), hiragana folded to katakana so
 * ろんぐへあ finds ロングヘア.
 */
export function normalizeTagText(text: string): string {
  return foldKana(
    text
      .normalize('NFKC')
      .toLowerCase()
      .replace(/\\([()[\]{}])/g, '$1')
      .trim()
      .replace(/\s+/g, '_'),
  );
}

/** Hiragana (U+3041–U+3096) to the katakana 0x60 above; everything else unchanged. */
function foldKana(text: string): string {
  if (!/[\u3041-\u3096]/.test(text)) return text;
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    out += code >= 0x3041 && code <= 0x3096 ? String.fromCodePoint(code + 0x60) : ch;
  }
  return out;
}

/**
 * The tags of a prompt, normalized: split on commas, attention syntax
 * (`(long hair:1.2)`, `[smile]`) and a trailing weight removed, empty ones dropped.
 */
export function tagsOfPrompt(prompt: string): string[] {
  return prompt
    .split(/[,\n]/)
    .map((part) =>
      normalizeTagText(
        part
          // An unescaped bracket is attention syntax; an escaped one is part of the name.
          .replace(/(?<!\\)[()[\]{}]/g, '')
          .replace(/:\s*[\d.]+\s*$/, ''),
      ),
    )
    .filter((t) => t.length > 0 && t.length <= 100);
}
