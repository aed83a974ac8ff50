import { readFileSync } from 'node:fs';
import { brotliDecompressSync } from 'node:zlib';
import { projectPath } from '../lib/paths.js';
import { parseExplicitFilter } from './explicit-filter.js';
import { parseJapaneseTerms } from './japanese-terms.js';
import { buildTagIndex, type TagIndex, type TagRecord } from './tag-index.js';

/**
 * The shipped files (src/tags/data/, beside the code in the repository and
 * in an install; read through projectPath, so the server bundle finds them too).
 */
const dataFile = (name: string) => projectPath(`src/tags/data/${name}`);

/** Parses the shipped list: `name<TAB>category<TAB>posts<TAB>alias,alias` per line. */
export function parseTagList(text: string): TagRecord[] {
  const records: TagRecord[] = [];
  for (const line of text.split('\n')) {
    if (!line) continue;
    const [name = '', category = '', posts = '', aliases = ''] = line.split('\t');
    records.push({ name, category: Number(category), postCount: Number(posts), aliases: aliases ? aliases.split(',') : [] });
  }
  return records;
}

export interface LoadedTagIndex {
  index: TagIndex;
  /** Start-up cost, for the log line and the benchmark. */
  stats: { tags: number; millis: number };
}

/**
 * Reads and decompresses the shipped list, the explicit filter and the
 * Japanese terms, and builds the index (once, at start-up: ~0.5 s, see docs/api.md).
 */
export function loadTagIndex(opts: { includeArtists: boolean }): LoadedTagIndex {
  const started = performance.now();
  const records = parseTagList(brotliDecompressSync(readFileSync(dataFile('danbooru-tags.tsv.br'))).toString('utf8'));
  const index = buildTagIndex(records, {
    includeArtists: opts.includeArtists,
    isExplicit: parseExplicitFilter(readFileSync(dataFile('explicit-tags.txt'), 'utf8')),
    japanese: parseJapaneseTerms(readFileSync(dataFile('ja-tags.tsv'), 'utf8')),
  });
  return { index, stats: { tags: index.names.length, millis: Math.round(performance.now() - started) } };
}

const loaded = new Map<boolean, LoadedTagIndex>();

/** The index for this process, built on first use and shared after (a test run builds many apps). */
export function loadTagIndexOnce(opts: { includeArtists: boolean }): LoadedTagIndex {
  let hit = loaded.get(opts.includeArtists);
  if (!hit) {
    hit = loadTagIndex(opts);
    loaded.set(opts.includeArtists, hit);
  }
  return hit;
}
