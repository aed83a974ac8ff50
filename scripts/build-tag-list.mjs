// Rebuilds src/tags/data/danbooru-tags.tsv.br from a Danbooru tag CSV
// (`name,category,post_count,"alias1,alias2"`, no header, as published by
// dbr-e621-lists-archive): `node scripts/build-tag-list.mjs <file.csv>`.
// The shipped form is one tag a line, `name<TAB>category<TAB>count<TAB>alias,alias`,
// sorted by name (UTF-16 code units, as JavaScript compares strings, so the
// server's name table needs no sort at start-up), Brotli-compressed: the
// server decompresses it once at start-up (src/tags/load-tag-index.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';

const [csvPath] = process.argv.slice(2);
if (!csvPath) {
  console.error('usage: node scripts/build-tag-list.mjs <danbooru-tags.csv>');
  process.exit(1);
}
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'src/tags/data/danbooru-tags.tsv.br');

const lines = [];
for (const line of readFileSync(csvPath, 'utf8').split('\n')) {
  if (!line) continue;
  // name,category,count,aliases: the name and count never hold a comma; the aliases may be quoted.
  const m = /^([^,]+),(\d+),(\d+),(.*)$/.exec(line);
  if (!m) throw new Error(`unreadable line: ${line}`);
  const [, name, category, count, rawAliases] = m;
  const aliases = rawAliases.replace(/^"|"$/g, '');
  if (/[\t\n]/.test(name + aliases)) throw new Error(`tab or newline in: ${line}`);
  lines.push(`${name}\t${category}\t${count}\t${aliases}`);
}
lines.sort((a, b) => {
  const [x, y] = [a.slice(0, a.indexOf('\t')), b.slice(0, b.indexOf('\t'))];
  return x < y ? -1 : x > y ? 1 : 0;
});
const text = `${lines.join('\n')}\n`;
const compressed = brotliCompressSync(Buffer.from(text), {
  params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_LGWIN]: 24, [constants.BROTLI_PARAM_SIZE_HINT]: text.length },
});
writeFileSync(out, compressed);
console.log(`${lines.length} tags, ${text.length} bytes as TSV, ${compressed.length} bytes compressed → ${out}`);
