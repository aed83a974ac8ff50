/**
 * Our Japanese terms for tags (data/ja-tags.tsv, written by us): one tag a
 * line, `tag_name<TAB>term|term|…`, `#` starts a comment line. Terms are
 * kanji, kana and the usual katakana loanwords; for characters and series,
 * the names Japanese fans use.
 */
export function parseJapaneseTerms(text: string): Map<string, string[]> {
  const terms = new Map<string, string[]>();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const [name, list] = line.split('\t');
    if (!name || !list) throw new Error(`ja-tags.tsv: unreadable line: ${line}`);
    const words = list
      .split('|')
      .map((t) => t.trim())
      .filter(Boolean);
    terms.set(name, [...(terms.get(name) ?? []), ...words]);
  }
  return terms;
}
