/**
 * The explicit-tag filter (data/explicit-tags.txt, reviewed by hand): a name
 * or alias is explicit when it is listed exactly or contains a listed word
 * sequence (`word:` lines; words split on `_` and `-`).
 */
export type ExplicitFilter = (nameOrAlias: string) => boolean;

const wordsOf = (text: string) => text.split(/[_-]/);

export function parseExplicitFilter(text: string): ExplicitFilter {
  const exact = new Set<string>();
  const sequences: string[][] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    if (line.startsWith('word:')) sequences.push(wordsOf(line.slice(5).toLowerCase()));
    else exact.add(line.toLowerCase());
  }
  // Single words (most rules) are a set lookup; longer sequences are checked one by one.
  const single = new Set(sequences.filter((s) => s.length === 1).map((s) => s[0] as string));
  // Longer sequences, by their first word: a name is checked against those whose first word it has.
  const longer = new Map<string, string[][]>();
  for (const seq of sequences.filter((s) => s.length > 1)) longer.set(seq[0] as string, [...(longer.get(seq[0] as string) ?? []), seq]);
  return (nameOrAlias) => {
    const lower = nameOrAlias.toLowerCase();
    if (exact.has(lower)) return true;
    const words = wordsOf(lower);
    for (const w of words) {
      if (single.has(w)) return true;
      if (longer.get(w)?.some((seq) => containsSequence(words, seq))) return true;
    }
    return false;
  };
}

function containsSequence(words: string[], seq: string[]): boolean {
  outer: for (let i = 0; i + seq.length <= words.length; i++) {
    for (let j = 0; j < seq.length; j++) if (words[i + j] !== seq[j]) continue outer;
    return true;
  }
  return false;
}
