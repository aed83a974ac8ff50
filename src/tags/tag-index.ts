import type { ExplicitFilter } from './explicit-filter.js';
import { normalizeTagText } from './normalize.js';

/** Danbooru's categories (2 is unused); the number is what the shipped list stores. */
export const tagCategories = { 0: 'general', 1: 'artist', 3: 'copyright', 4: 'character', 5: 'meta' } as const;
export type TagCategory = (typeof tagCategories)[keyof typeof tagCategories];

/** One line of the shipped list. */
export interface TagRecord {
  name: string;
  category: number;
  postCount: number;
  aliases: string[];
}

/**
 * Sorted keys with the tag each belongs to, searched by prefix with a binary
 * search. `labels` is what the user typed it as (an alias or a Japanese term).
 */
export interface KeyTable {
  keys: string[];
  ids: Int32Array;
  labels: (string | null)[];
  /** 1 where the key is explicit itself or belongs to an explicit tag; 2 where it is never suggested (see explicit-filter.ts). */
  explicit: Uint8Array;
}

/**
 * Every word after a name's first, sorted, each with the tags having it (by id,
 * so the most used come first) and where in the name it starts. Sorting the
 * ~40,000 distinct words instead of every (word, tag) pair keeps start-up short.
 */
export interface WordTable {
  words: string[];
  /** Per word: tag id, offset of the word in the name; pairs, ids ascending. */
  entries: Int32Array[];
}

/**
 * The in-memory index, built once at start-up. Tag ids are ranks: id 0 has the
 * most posts, so "most used first" is "smallest id first" everywhere.
 */
export interface TagIndex {
  names: string[];
  categories: TagCategory[];
  postCounts: Uint32Array;
  explicit: Uint8Array;
  idByName: Map<string, number>;
  /** Whole names (tier 1 of suggestions). */
  byName: KeyTable;
  /** Aliases and Japanese terms (tier 2). */
  byAlias: KeyTable;
  /** Names by their later words: `hair` finds long_hair (tier 3). */
  byWord: WordTable;
  /** Names in the list that are never suggested (artists while they are off): still known tags. */
  withheld: Set<string>;
}

export interface TagIndexOptions {
  isExplicit: ExplicitFilter;
  /** Japanese terms per tag name (data/ja-tags.tsv). */
  japanese: Map<string, string[]>;
  /** Artist tags name real people: only when the operator turned them on (TAG_SUGGEST_ARTISTS). */
  includeArtists: boolean;
}

/** Builds the index from the list (any order; the shipped one is sorted by name, which saves a sort) and the filters. */
export function buildTagIndex(records: TagRecord[], opts: TagIndexOptions): TagIndex {
  const offered = (r: TagRecord) => opts.includeArtists || r.category !== 1;
  const kept = records.filter((r) => r.category in tagCategories && offered(r));
  const withheld = new Set(records.filter((r) => !offered(r)).map((r) => r.name));
  if (!isSortedByName(kept)) kept.sort((a, b) => compare(a.name, b.name));
  const n = kept.length;
  // Ids are ranks: the tag with the most posts is 0 (ties in name order). Sorted as numbers, without a comparator.
  const packed = Float64Array.from(kept, (r, k) => (MAX_POSTS - Math.min(r.postCount, MAX_POSTS)) * 2 ** 21 + k).sort();
  const byRank = Array.from(packed, (v) => v % 2 ** 21);
  const idOf = new Int32Array(n);
  byRank.forEach((k, id) => {
    idOf[k] = id;
  });
  const ranked = byRank.map((k) => kept[k] as TagRecord);
  const names = ranked.map((r) => r.name);
  const categories = ranked.map((r) => tagCategories[r.category as keyof typeof tagCategories]);
  const postCounts = Uint32Array.from(ranked, (r) => r.postCount);
  const explicit = Uint8Array.from(ranked, (r) => opts.isExplicit(r.name));
  const idByName = new Map(names.map((name, id) => [name, id]));

  const byName: KeyTable = {
    keys: kept.map((r) => r.name),
    ids: idOf,
    labels: new Array(n).fill(null),
    explicit: Uint8Array.from(idOf, (id) => explicit[id] as number),
  };
  const wordLists = new Map<string, number[]>();
  const aliasEntries: Entry[] = [];
  for (let id = 0; id < n; id++) {
    const name = names[id] as string;
    const tagExplicit = explicit[id] as 0 | 1 | 2;
    for (let i = name.indexOf('_'); i !== -1; i = name.indexOf('_', i + 1)) {
      // A qualifier's bracket is skipped: `append` finds hatsune_miku_(append).
      const at = name.charCodeAt(i + 1) === 40 /* ( */ ? i + 2 : i + 1;
      const end = name.indexOf('_', at);
      const word = name.slice(at, end === -1 ? name.length : end).replace(/\)$/, '');
      if (!word) continue;
      const list = wordLists.get(word);
      if (list) list.push(id, at);
      else wordLists.set(word, [id, at]);
    }
    for (const alias of (ranked[id] as TagRecord).aliases) {
      const key = normalizeTagText(alias);
      if (key && key !== name)
        aliasEntries.push({ key, id, label: alias, explicit: Math.max(tagExplicit, opts.isExplicit(key)) as 0 | 1 | 2 });
    }
    for (const term of opts.japanese.get(name) ?? []) {
      aliasEntries.push({ key: normalizeTagText(term), id, label: term, explicit: tagExplicit });
    }
  }
  const words = [...wordLists.keys()].sort();
  const byWord: WordTable = { words, entries: words.map((w) => Int32Array.from(wordLists.get(w) as number[])) };
  return { names, categories, postCounts, explicit, idByName, byName, byAlias: toTable(aliasEntries), byWord, withheld };
}

/** Above any tag's post count (1girl has 6.4 million); ranks pack the count and the position into one float. */
const MAX_POSTS = 2 ** 31;

/** JavaScript's own string order (UTF-16 code units), the order prefix ranges rely on. */
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function isSortedByName(records: TagRecord[]): boolean {
  for (let i = 1; i < records.length; i++) if ((records[i - 1] as TagRecord).name > (records[i] as TagRecord).name) return false;
  return true;
}

interface Entry {
  key: string;
  id: number;
  label: string | null;
  explicit: 0 | 1 | 2;
}

function toTable(entries: Entry[]): KeyTable {
  entries.sort((a, b) => compare(a.key, b.key) || a.id - b.id);
  return {
    keys: entries.map((e) => e.key),
    ids: Int32Array.from(entries, (e) => e.id),
    labels: entries.map((e) => e.label),
    explicit: Uint8Array.from(entries, (e) => e.explicit),
  };
}

/** The entries whose key starts with `prefix`: [from, to). */
export function prefixRange(table: KeyTable, prefix: string): [number, number] {
  const from = lowerBound(table.keys, prefix);
  // Every key with the prefix sorts before the prefix followed by the highest code unit.
  const to = lowerBound(table.keys, `${prefix}\uffff`, from);
  return [from, to];
}

/** The words starting with `prefix`: [from, to) in `table.words`. */
export function wordRange(table: WordTable, prefix: string): [number, number] {
  const from = lowerBound(table.words, prefix);
  return [from, lowerBound(table.words, `${prefix}\uffff`, from)];
}

function lowerBound(keys: string[], target: string, lo = 0): number {
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((keys[mid] as string) < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
