import { type SuggestOptions, suggestTags, type TagSuggestion } from './suggest-tags.js';
import type { TagIndex } from './tag-index.js';
import { countTagUsage } from './tag-usage.js';

/** Where the user's recent prompts come from (the generation module's listRecentPrompts, wired in deps.ts). */
export type RecentPrompts = (userId: string) => Promise<string[]>;

export interface TagSuggester {
  /** Suggestions for a query; with a user, ranked with their recent use. */
  suggest(input: { query: string; limit: number; userId: string | null; allowExplicit?: boolean }): Promise<TagSuggestion[]>;
  /** The names (as typed: spaces or underscores, any case, escaped brackets) that are not tags in the list. */
  unknown(names: string[]): string[];
  /** Builds the index now (the server calls it at start-up; otherwise the first suggestion would). Idempotent. */
  warm(): { tags: number; millis: number };
}

const USAGE_TTL_MS = 30_000;
const MAX_CACHED_USERS = 5_000;

/**
 * The index with each user's recent tag counts cached for 30 seconds: a user
 * types many queries in a row, and one read of their prompts serves them all.
 * A tag just used may take up to that long to rise.
 */
export function createTagSuggester(deps: {
  loadIndex: () => { index: TagIndex; stats: { tags: number; millis: number } };
  recentPrompts: RecentPrompts;
  now?: () => number;
}): TagSuggester {
  const now = deps.now ?? Date.now;
  const cache = new Map<string, { at: number; usage: Promise<Map<string, number>> }>();
  const usageOf = (userId: string) => {
    const hit = cache.get(userId);
    if (hit && now() - hit.at < USAGE_TTL_MS) return hit.usage;
    if (cache.size >= MAX_CACHED_USERS) cache.clear();
    const usage = deps.recentPrompts(userId).then(countTagUsage);
    // A failed read is not kept: the next query tries again.
    usage.catch(() => cache.delete(userId));
    cache.set(userId, { at: now(), usage });
    return usage;
  };
  return {
    async suggest({ query, limit, userId, allowExplicit = false }) {
      // Explicit tags only for an account that opted into mature content.
      const opts: SuggestOptions = { limit, allowExplicit };
      if (userId) opts.usage = await usageOf(userId);
      return suggestTags(deps.loadIndex().index, query, opts);
    },
    unknown: (names) => {
      const { idByName, withheld } = deps.loadIndex().index;
      return names.filter((n) => !idByName.has(tagKey(n)) && !withheld.has(tagKey(n)));
    },
    warm: () => deps.loadIndex().stats,
  };
}

/** A tag as typed to Danbooru's spelling: lower case, underscores, brackets unescaped. */
export const tagKey = (typed: string) =>
  typed
    .trim()
    .toLowerCase()
    .replace(/\\([()[\]{}])/g, '$1')
    .replace(/\s+/g, '_');
