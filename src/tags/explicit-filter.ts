/**
 * The explicit-tag filter (data/explicit-tags.txt, reviewed by hand): a name
 * or alias is explicit (1) when it is listed exactly or contains a listed word
 * sequence (`word:` lines; words split on `_` and `-`), and never suggested
 * to anyone (2), mature opt-in or not, when it contains a `never:` sequence
 * (sexualised minors); 0 otherwise.
 */
export type ExplicitFilter = (nameOrAlias: string) => 0 | 1 | 2;

const wordsOf = (text: string) => text.split(/[_-]/);

export function parseExplicitFilter(text: string): ExplicitFilter {
  const exact = new Set<string>();
  const sequences: string[][] = [];
  const never: string[][] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    if (line.startsWith('word:')) sequences.push(wordsOf(line.slice(5).toLowerCase()));
    else if (line.startsWith('never:')) never.push(wordsOf(line.slice(6).toLowerCase()));
    else exact.add(line.toLowerCase());
  }
  const explicit = matcher(exact, sequences);
  const refused = matcher(new Set(), never);
  return (nameOrAlias) => {
    const lower = nameOrAlias.toLowerCase();
    if (refused(lower)) return 2;
    return explicit(lower) ? 1 : 0;
  };
}

/** Whether a lower-case name is one of `exact` or has one of `sequences` among its words. */
function matcher(exact: Set<string>, sequences: string[][]): (lower: string) => boolean {
  // Single words (most rules) are a set lookup; longer sequences are checked one by one.
  const single = new Set(sequences.filter((s) => s.length === 1).map((s) => s[0] as string));
  // Longer sequences, by their first word: a name is checked against those whose first word it has.
  const longer = new Map<string, string[][]>();
  for (const seq of sequences.filter((s) => s.length > 1)) longer.set(seq[0] as string, [...(longer.get(seq[0] as string) ?? []), seq]);
  return (lower) => {
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
