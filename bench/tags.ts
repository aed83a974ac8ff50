/**
 * `npm run bench:tags`: tag suggestions for the prompt box, GET
 * /api/tags/suggest, at BENCH_CONNECTIONS (10) signed-in users typing, against
 * two baselines measured in the same run: a bare Fastify route returning a
 * constant, and GET /api/me (the same session read, no suggestion work).
 * Goal: suggestion p99 < 10 ms. Before that, the index's start-up cost
 * (decompress, parse, build; time and heap) and the shipped file's size.
 * Each user has a few generations, so ranking reads their recent prompts.
 * Run with `node --expose-gc` (the npm script does) for the heap figure.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type autocannon from 'autocannon';
import Fastify from 'fastify';
import { projectPath } from '../src/lib/paths.js';
import { loadTagIndex, suggestTags } from '../src/tags/index.js';
import { mb, measure, type Result, scratchDatabase, startApp, verifiedUsers } from './lib.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);

/** What people type, one keystroke at a time: short prefixes (the widest ranges), words, aliases, Japanese. */
const typed = [
  'l',
  'lo',
  'lon',
  'long',
  'long h',
  's',
  'sm',
  'smi',
  'b',
  'bl',
  'blue',
  'blue e',
  'h',
  'ha',
  'hat',
  'hatsune',
  'a',
  'as',
  'sc',
  'school',
  'x',
  'w',
  'wh',
  'white',
  'ey',
  'hair',
  '/lh',
  '/l',
  '長',
  '長髪',
  'ロ',
  'ロング',
  'き',
  '着物',
  'ぽ',
  'zzz',
];

async function main(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const { index, stats } = loadTagIndex({ includeArtists: false });
  gc?.();
  const heap = process.memoryUsage().heapUsed - heapBefore;
  const withArtists = loadTagIndex({ includeArtists: true }).stats;
  const shipped = statSync(projectPath('src/tags/data/danbooru-tags.tsv.br')).size;
  // The suggestion work alone, in process: every typed query many times, each call timed.
  const times: number[] = [];
  for (let round = 0; round < 200; round++) {
    for (const query of typed) {
      const started = performance.now();
      suggestTags(index, query, {
        limit: 8,
        usage: new Map([
          ['long_hair', 3],
          ['smile', 2],
        ]),
      });
      times.push(performance.now() - started);
    }
  }
  times.sort((a, b) => a - b);
  const pct = (p: number) => (times[Math.floor((times.length - 1) * p)]! * 1000).toFixed(0);

  const dataDir = mkdtempSync(join(tmpdir(), 'animegen-bench-tags-'));
  const scratch = await scratchDatabase();
  const { deps, app, base, origin } = await startApp(dataDir, scratch.url ? { DATABASE_URL: scratch.url } : {}, { role: 'web' });
  // As the server does before it listens (src/main.ts): no measured request builds the index.
  deps.tags?.warm();
  const users = await verifiedUsers(app, deps, connections, 'bench-tags');
  for (const user of users) {
    for (const prompt of [
      '1girl, long hair, smile, school uniform',
      '1girl, blue eyes, hatsune miku',
      'scenery, cherry blossoms, long hair',
    ]) {
      await app.inject({
        method: 'POST',
        url: '/api/generations',
        headers: { cookie: user.cookie, origin, 'content-type': 'application/json' },
        payload: { prompt, model: 'nano-banana', aspectRatio: '1:1' },
      });
    }
  }
  const bare = Fastify();
  bare.get('/hello', async () => ({ hello: 'world' }));
  const bareBase = await bare.listen({ port: 0, host: '127.0.0.1' });

  let turn = 0;
  const asUser = (path: () => string): autocannon.Options['requests'] => [
    {
      setupRequest: (req) => {
        const user = users[turn++ % users.length]!;
        return { ...req, path: path(), headers: { ...req.headers, cookie: user.cookie } };
      },
    },
  ];
  let q = 0;
  const load = (name: string, opts: autocannon.Options): Promise<Result> => measure(name, { connections, duration: seconds, ...opts });
  const hello = await load('bare Fastify route', { url: `${bareBase}/hello` });
  const me = await load('GET /api/me (session read only)', { url: `${base}/api/me`, requests: asUser(() => '/api/me') });
  const suggest = await load('GET /api/tags/suggest', {
    url: `${base}/api/tags/suggest`,
    requests: asUser(() => `/api/tags/suggest?q=${encodeURIComponent(typed[q++ % typed.length]!)}&limit=8`),
  });

  console.log(
    `\nTag suggestions on ${deps.database.kind}, ${connections} connections over ${users.length} signed-in users, ${seconds} s each\n`,
  );
  console.log(
    `index start-up: ${stats.millis} ms for ${stats.tags} tags (artists off), heap ${gc ? mb(heap) : 'n/a (run with --expose-gc)'}; with artists: ${withArtists.millis} ms for ${withArtists.tags} tags`,
  );
  console.log(`shipped list: ${(shipped / 2 ** 20).toFixed(2)} MB (Brotli)`);
  console.log(`suggestTags in process (${times.length} calls): p50 ${pct(0.5)} µs, p99 ${pct(0.99)} µs, max ${pct(1)} µs\n`);
  console.log('| path | req/s | p99 ms | errors | non-2xx |');
  console.log('|---|---:|---:|---:|---:|');
  for (const r of [hello, me, suggest]) console.log(`| ${r.name} | ${r.rps.toFixed(0)} | ${r.p99} | ${r.errors} | ${r.non2xx} |`);
  console.log(`\nsuggest p99 = ${suggest.p99} ms (goal < 10 ms); bare route p99 = ${hello.p99} ms; /api/me p99 = ${me.p99} ms`);
  console.log(
    `suggest / bare route req/s = ${(suggest.rps / hello.rps).toFixed(3)}; suggest / /api/me req/s = ${(suggest.rps / me.rps).toFixed(3)}`,
  );

  await bare.close();
  await app.close();
  await deps.close();
  await scratch.drop();
  rmSync(dataDir, { recursive: true, force: true });
}

await main();
