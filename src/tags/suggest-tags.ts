import { normalizeTagText } from './normalize.js';
import { type KeyTable, prefixRange, type TagCategory, type TagIndex, wordRange } from './tag-index.js';

export interface TagSuggestion {
  name: string;
  category: TagCategory;
  postCount: number;
  /** The alias or Japanese term the query matched, when it was not the name. */
  alias?: string;
}

export interface SuggestOptions {
  limit: number;
  /** How often the user used each tag recently (normalized names); lifts those tags among the prefix matches. */
  usage?: ReadonlyMap<string, number>;
  /** Mature-content opt-in. No account can opt in yet, so every caller passes false. */
  allowExplicit?: boolean;
}

/**
 * Suggestions for what the user is typing, in three tiers, each filled before
 * the next: names starting with the query (by post count blended with the
 * user's own use), then aliases and Japanese terms starting with it, then
 * names with a later word starting with it. Explicit tags never appear
 * without the opt-in. Pure: the same index, query and usage give the same list.
 */
export function suggestTags(index: TagIndex, query: string, opts: SuggestOptions): TagSuggestion[] {
  const q = normalizeTagText(query);
  if (!q || opts.limit <= 0) return [];
  const allowExplicit = opts.allowExplicit === true;
  const seen = new Set<number>();
  const out: TagSuggestion[] = [];
  const add = (id: number, alias: string | null) => {
    if (out.length >= opts.limit || seen.has(id)) return;
    seen.add(id);
    const s: TagSuggestion = {
      name: index.names[id] as string,
      category: index.categories[id] as TagCategory,
      postCount: index.postCounts[id] as number,
    };
    if (alias) s.alias = alias;
    out.push(s);
  };

  for (const id of rankPrefixMatches(index, q, opts.limit, opts.usage, allowExplicit)) add(id, null);
  if (out.length < opts.limit) {
    for (const e of mostUsed(index.byAlias, q, opts.limit - out.length, seen, allowExplicit)) add(e.id, e.label);
  }
  if (out.length < opts.limit) {
    for (const id of mostUsedByWord(index, q, opts.limit - out.length, seen, allowExplicit)) add(id, null);
  }
  return out;
}

/** Each past use doubling counts as ten times the posts: a tag the user keeps using rises, without burying the popular ones. */
export function blendedScore(postCount: number, uses: number): number {
  return Math.log10(Math.max(postCount, 1)) + Math.log2(1 + uses);
}

function rankPrefixMatches(
  index: TagIndex,
  q: string,
  limit: number,
  usage: ReadonlyMap<string, number> | undefined,
  allowExplicit: boolean,
): number[] {
  const top = mostUsed(index.byName, q, limit, new Set(), allowExplicit).map((e) => e.id);
  if (!usage || usage.size === 0) return top;
  // Use only raises a score, so the final list is among the plain top ones and the used ones.
  const candidates = new Set(top);
  for (const name of usage.keys()) {
    if (!name.startsWith(q)) continue;
    const id = index.idByName.get(name);
    if (id !== undefined && !hidden(index.explicit[id], allowExplicit)) candidates.add(id);
  }
  const score = (id: number) => blendedScore(index.postCounts[id] as number, usage.get(index.names[id] as string) ?? 0);
  return [...candidates].sort((a, b) => score(b) - score(a) || a - b).slice(0, limit);
}

/** Up to `k` entries of the table starting with `q`, one per tag, most posts first (smallest id). */
function mostUsed(
  table: KeyTable,
  q: string,
  k: number,
  skip: Set<number>,
  allowExplicit: boolean,
): { id: number; label: string | null }[] {
  const [from, to] = prefixRange(table, q);
  // A short sorted list of the best entries so far; k is small (≤ 50), the range can be thousands.
  const best: { id: number; label: string | null }[] = [];
  for (let i = from; i < to; i++) {
    const id = table.ids[i] as number;
    if (best.length === k && id >= (best[k - 1] as { id: number }).id) continue;
    if (skip.has(id) || hidden(table.explicit[i], allowExplicit)) continue;
    const existing = best.findIndex((b) => b.id === id);
    if (existing !== -1) continue; // the same tag under an earlier (shorter-sorting) key
    let at = best.length;
    while (at > 0 && (best[at - 1] as { id: number }).id > id) at--;
    best.splice(at, 0, { id, label: table.labels[i] ?? null });
    if (best.length > k) best.pop();
  }
  return best;
}

/** Up to `k` tags with a later word starting with `q` (or, for `long_h`, the word long followed by `_h`), most posts first. */
function mostUsedByWord(index: TagIndex, q: string, k: number, skip: Set<number>, allowExplicit: boolean): number[] {
  const query = q.replace(/^\(/, '').replace(/\)$/, '');
  const sep = query.indexOf('_');
  const [from, to] = wordRange(index.byWord, sep === -1 ? query : query.slice(0, sep));
  const best: number[] = [];
  for (let w = from; w < to; w++) {
    if (sep !== -1 && index.byWord.words[w] !== query.slice(0, sep)) continue;
    const list = index.byWord.entries[w] as Int32Array;
    for (let i = 0; i < list.length; i += 2) {
      const id = list[i] as number;
      // Each list is in id order: nothing further in it can beat a full list.
      if (best.length === k && id >= (best[k - 1] as number)) break;
      if (skip.has(id) || best.includes(id) || hidden(index.explicit[id], allowExplicit)) continue;
      if (sep !== -1 && !(index.names[id] as string).startsWith(query, list[i + 1])) continue;
      let at = best.length;
      while (at > 0 && (best[at - 1] as number) > id) at--;
      best.splice(at, 0, id);
      if (best.length > k) best.pop();
    }
  }
  return best;
}

/** An explicit tag (1) only for an account that allows them; one never suggested (2) for nobody. */
const hidden = (flag: number | undefined, allowExplicit: boolean) => flag === 2 || (flag === 1 && !allowExplicit);
