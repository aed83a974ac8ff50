import { readFileSync } from 'node:fs';
import { brotliDecompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../lib/paths.js';
import { parseExplicitFilter } from './explicit-filter.js';
import { parseJapaneseTerms } from './japanese-terms.js';
import { parseTagList } from './load-tag-index.js';

// The shipped files themselves: the promise is about what ships.
const read = (name: string) => readFileSync(projectPath(`src/tags/data/${name}`));
const tags = parseTagList(brotliDecompressSync(read('danbooru-tags.tsv.br')).toString('utf8')).sort((a, b) => b.postCount - a.postCount);
const isExplicit = parseExplicitFilter(read('explicit-tags.txt').toString('utf8'));
const japanese = parseJapaneseTerms(read('ja-tags.tsv').toString('utf8'));

/** The share of `names` with Japanese terms, printed so the figure can be reported. */
function coverage(label: string, names: string[]): number {
  const covered = names.filter((n) => japanese.has(n)).length;
  console.log(`Japanese coverage, ${label}: ${covered}/${names.length}`);
  return covered / names.length;
}

describe('the Japanese mapping', () => {
  it('covers the 1,000 most-used general tags that can be suggested (explicit ones never are)', () => {
    const general = tags.filter((t) => t.category === 0 && !isExplicit(t.name)).slice(0, 1000);
    expect(general.filter((t) => !japanese.has(t.name)).map((t) => t.name)).toEqual([]);
    coverage(
      'top 2,000 general',
      tags
        .filter((t) => t.category === 0 && !isExplicit(t.name))
        .slice(0, 2000)
        .map((t) => t.name),
    );
  });

  it('covers the 300 most-used characters and series', () => {
    const named = tags.filter((t) => t.category === 3 || t.category === 4).slice(0, 300);
    expect(
      coverage(
        'top 300 characters and series',
        named.map((t) => t.name),
      ),
    ).toBe(1);
  });

  it('names only tags that exist, none of them explicit', () => {
    const known = new Set(tags.map((t) => t.name));
    const mapped = [...japanese.keys()];
    expect(mapped.filter((n) => !known.has(n))).toEqual([]);
    expect(mapped.filter((n) => isExplicit(n))).toEqual([]);
  });

  it('writes every term in Japanese script (or a short Latin abbreviation people use, like FGO)', () => {
    const terms = [...japanese.values()].flat();
    const odd = terms.filter((t) => !/[\u3040-\u30ff\u3400-\u9fff々〆ヶ]/.test(t) && !/^[A-Za-z0-9 .:!×/'★☆μ-]{1,24}$/.test(t));
    expect(odd).toEqual([]);
  });
});
