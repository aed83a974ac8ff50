/**
 * `npm run bench`, second part: the generation pipeline, each figure next to a baseline from the same run.
 *   1. In flight: BENCH_IN_FLIGHT (500) generations submitted over HTTP at once, a worker in this process
 *      with that many slots, the simulator (a process of its own) at 2 s per task with its rate limit off,
 *      calling back when a task ends (BENCH_CALLBACKS=0: polling only), handing out ready 1024 px images
 *      (BENCH_RESULT_PX); the users submit from a process of their own: wall time until all
 *      are terminal over the ideal 2 s (goal ≤ 1.3×), peak RSS (goal < 400 MB). On PostgreSQL in a
 *      scratch database beside DATABASE_URL, dropped afterwards.
 *   2. Ingestion: what completeGeneration does with one downloaded result (sniff, metadata removed,
 *      original + WebP thumbnail stored) against a minimal sharp thumbnail + file writes, on the same
 *      simulator PNGs (goal ≤ 1.2×); the preview, made on first view, is timed apart.
 *   3. Gallery: one user with 100,000 generations (20,000 on PGlite), GET /api/generations?limit=50
 *      (first page, a deep page, pages walked by cursor) against a bare Fastify route (goal p99 < 20 ms).
 * PostgreSQL when DATABASE_URL is set, PGlite otherwise. BENCH_SECONDS: each autocannon run's length;
 * BENCH_IN_FLIGHT, BENCH_INGEST_IMAGES, BENCH_GALLERY_ROWS: sizes; BENCH_ONLY=gallery,…: some parts.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import type autocannon from 'autocannon';
import { type SQL, sql } from 'drizzle-orm';
import Fastify from 'fastify';
import sharp from 'sharp';
import type { Config } from '../src/config.js';
import type { Deps } from '../src/deps.js';
import { newId } from '../src/lib/ids.js';
import { createProvider, renderPlaceholder, sniffImageType, unlimitedRateLimiter } from '../src/providers/index.js';
import { storageKeys } from '../src/storage/index.js';
import { measure, scratchDatabase, startApp, verifiedUsers } from './lib.js';

const env = process.env;
const seconds = Number(env.BENCH_SECONDS ?? 5);
const connections = Number(env.BENCH_CONNECTIONS ?? 10);
const postgres = Boolean(env.DATABASE_URL);
const IN_FLIGHT = Number(env.BENCH_IN_FLIGHT ?? 500);
const TASK_MS = 2_000;
const CALLBACKS = env.BENCH_CALLBACKS !== '0';
/** Longest side of the results in part 1; part 2 measures ingestion of full-size ones. */
const RESULT_PX = Number(env.BENCH_RESULT_PX ?? 1024);
const INGEST_IMAGES = Number(env.BENCH_INGEST_IMAGES ?? 200);
const GALLERY_ROWS = Number(env.BENCH_GALLERY_ROWS ?? (postgres ? 100_000 : 20_000));
const PAGE = 50;
const only = (part: string) => !env.BENCH_ONLY || env.BENCH_ONLY.split(',').includes(part);
const rowsOf = async (q: Promise<unknown>) => ((await q) as { rows: Record<string, unknown>[] }).rows;
const ms = (n: unknown) => Number(n).toFixed(1);
const mb = (n: number) => `${(n / 2 ** 20).toFixed(0)} MB`;
const cpuMs = (since: NodeJS.CpuUsage) => (({ user, system }) => (user + system) / 1000)(process.cpuUsage(since));

/** The users in their own process (bench/submit-process.ts): `go()` submits IN_FLIGHT at once and gives the statuses. */
async function submitProcess(base: string, origin: string, cookies: string[]): Promise<{ go(): Promise<number[]> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'submit-process.ts')], {
    env: { ...env, BENCH_BASE: base, BENCH_ORIGIN: origin, BENCH_COOKIES: JSON.stringify(cookies), BENCH_SUBMIT_COUNT: String(IN_FLIGHT) },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  await lines.next(); // ready
  return {
    go: async () => {
      child.stdin!.write('go\n');
      const { value } = await lines.next();
      return JSON.parse(String(value)) as number[];
    },
  };
}

/** The simulator in its own process (bench/simulator-process.ts): its URL, and how to stop it. */
async function simulatorProcess(apiKey: string): Promise<{ url: string; close(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'simulator-process.ts')], {
    env: { ...env, SIM_API_KEY: apiKey, SIM_DELAY_MS: String(TASK_MS), BENCH_RESULT_PX: String(RESULT_PX) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
  return {
    url: line.trim(),
    close: async () => {
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

/** 1. IN_FLIGHT generations at once through HTTP, the queue, the KIE adapter, the simulator and ingestion. */
async function inFlight(dataDir: string, databaseUrl: string | undefined): Promise<void> {
  const apiKey = 'bench-simulator-key';
  const simulator = await simulatorProcess(apiKey);
  const provider = createProvider({ kind: 'simulator-url', url: simulator.url, apiKey }, { rateLimiter: unlimitedRateLimiter });
  // WORKER_CONCURRENCY stops at 64 per process; this one process stands for several workers.
  const tune = (c: Config) => ({ ...c, generation: { ...c.generation, concurrency: IN_FLIGHT } });
  const s = await startApp(dataDir, databaseUrl ? { DATABASE_URL: databaseUrl } : {}, { role: 'all', provider }, tune);
  // As when PUBLIC_URL is public: KIE calls back when a task ends (polling stays the fallback).
  if (CALLBACKS) s.deps.generation.settings.callbackBaseUrl = s.base;
  const users = await verifiedUsers(s.app, s.deps, 10, 'bench-inflight');
  const owners = users.map((u) => u.id);
  // Count the worker slots' job fetches (pg-boss runs its SQL through this executor).
  const executor = s.deps.database.executor;
  const execute = executor.executeSql.bind(executor);
  const fetches = { submit: 0, total: 0 };
  executor.executeSql = (text, values) => {
    if (text.includes('SKIP LOCKED')) fetches.total++;
    return execute(text, values);
  };
  const submitter = await submitProcess(
    s.base,
    s.origin,
    users.map((u) => u.cookie),
  );
  const samples = [process.memoryUsage()];
  const sampler = setInterval(() => samples.push(process.memoryUsage()), 100);
  const [t0, cpu0] = [performance.now(), process.cpuUsage()];
  const statuses = await submitter.go();
  const submittedMs = performance.now() - t0;
  fetches.submit = fetches.total;
  const accepted = statuses.filter((st) => st < 300).length;
  const deadline = performance.now() + Number(env.BENCH_IN_FLIGHT_TIMEOUT_SECONDS ?? 180) * 1000;
  const count: Record<string, number> = { succeeded: 0, failed: 0 };
  for (;;) {
    const rows = await rowsOf(
      s.deps.db.execute(sql`select status, count(*)::int as n from generations where user_id in ${owners} group by 1`),
    );
    for (const r of rows) count[r.status as string] = Number(r.n);
    if (count.succeeded! + count.failed! >= accepted || performance.now() > deadline) break;
    await sleep(100);
  }
  const wallMs = performance.now() - t0;
  const cpu = cpuMs(cpu0);
  clearInterval(sampler);
  const peak = samples.reduce((a, b) => (b.rss > a.rss ? b : a));
  const pct = (p: number, from: string) =>
    sql.raw(`percentile_cont(${p}) within group (order by extract(epoch from ${from}_at - created_at)) * 1000`);
  const [lat] = await rowsOf(
    s.deps.db.execute(sql`select ${pct(0.5, 'started')} as pick50, ${pct(1, 'started')} as pickmax,
      ${pct(0.5, 'completed')} as done50, ${pct(0.99, 'completed')} as done99 from generations where user_id in ${owners}`),
  );
  // Where the adapter first looks at or after TASK_MS: right after createTask, then after growing gaps (no callbacks here).
  const { initialMs, maxMs } = s.deps.generation.settings.poll;
  let [at, gap] = [0, initialMs];
  while (at < TASK_MS) [at, gap] = [at + gap, Math.min(Math.round(gap * 1.5), maxMs)];
  const sim = (await (await fetch(`${simulator.url}/_sim/stats`)).json()) as Record<string, number>;
  await s.app.close();
  await s.deps.close();
  await simulator.close();

  const cores = cpu / wallMs;
  const polling = postgres ? 1 : 0.5; // seconds, buildDeps' default
  const unfinished = accepted - count.succeeded! - count.failed!;
  const native = peak.rss - peak.heapTotal - peak.arrayBuffers;
  const report = [
    `\n## 1. ${IN_FLIGHT} generations in flight (10 users, ${IN_FLIGHT} worker slots, simulator ${TASK_MS} ms per task, KIE rate limits off)`,
    `completion: ${CALLBACKS ? 'KIE calls back when a task ends, as with a public PUBLIC_URL (BENCH_CALLBACKS=0: polling only)' : 'polling only'}\n`,
    `submitted: ${accepted}/${IN_FLIGHT} accepted in ${ms(submittedMs)} ms (HTTP ${[...new Set(statuses)].join(', ')})`,
    `terminal: ${count.succeeded} succeeded, ${count.failed} failed, ${unfinished} unfinished`,
    `wall until all terminal = ${ms(wallMs)} ms; ideal (all in parallel) = ${TASK_MS} ms`,
    `wall / ideal = ${(wallMs / TASK_MS).toFixed(2)}×   (goal ≤ 1.3×)`,
    `peak RSS = ${mb(peak.rss)} (goal < 400 MB; ${mb(samples[0]!.rss)} before the first submit)`,
    `  at the peak: JS heap ${mb(peak.heapUsed)}, buffers ${mb(peak.arrayBuffers)}, native (sharp/libvips, allocator…) ${mb(native)}`,
    `CPU: this process kept ${cores.toFixed(2)} of ${availableParallelism()} cores busy on average,`,
    `  ${ms(cpu / accepted)} CPU ms per generation (app and worker; the simulator and the users run apart): on ${availableParallelism()} cores`,
    `  ${accepted} need ≥ ${ms(cpu / availableParallelism() / 1000)} s of wall time for CPU alone, before PostgreSQL's share`,
    `per generation: queued→running p50 ${ms(lat?.pick50)} ms, max ${ms(lat?.pickmax)} ms;`,
    `  created→succeeded p50 ${ms(lat?.done50)} ms, p99 ${ms(lat?.done99)} ms`,
    CALLBACKS
      ? `polling is the safety net only (every ${maxMs} ms); completion follows the callback`
      : `poll schedule floor (${initialMs} ms ×1.5, first look at or after ${TASK_MS} ms): ${at} ms = ${(at / TASK_MS).toFixed(2)}× ideal`,
    `simulator: ${sim.createTask} createTask, ${sim.recordInfo} recordInfo, ${sim.downloads} downloads`,
    `queue: ${fetches.total} job fetches by the ${IN_FLIGHT} slots (${fetches.submit} while submitting); idle, one fetch every ${polling} s for all of them`,
  ];
  console.log(report.join('\n'));
}

/** 2. What completeGeneration does per result image, step by step, against a minimal sharp thumbnail + writes. */
async function ingestion(deps: Deps, dataDir: string): Promise<void> {
  const { images, storage } = deps.generation;
  const aspects = ['1:1', '3:4', '4:3', '9:16', '16:9'];
  const cpuRender = process.cpuUsage();
  const pngs: Buffer[] = [];
  for (let i = 0; i < INGEST_IMAGES; i++) pngs.push(await renderPlaceholder(`ingestion benchmark ${i}`, i, aspects[i % 5]!));
  const renderCpu = cpuMs(cpuRender) / pngs.length;
  mkdirSync(join(dataDir, 'raw'), { recursive: true });
  const raw = async (bytes: Buffer, i: number) => {
    const { width, height } = await sharp(bytes).metadata();
    const thumb = await sharp(bytes).resize(512, 512, { fit: 'inside', withoutEnlargement: true }).webp({ quality: 80 }).toBuffer();
    await Promise.all([writeFile(join(dataDir, 'raw', `${i}.png`), bytes), writeFile(join(dataDir, 'raw', `${i}.webp`), thumb)]);
    if (!width || !height) throw new Error('no dimensions');
  };
  const steps = { ingest: 0, writes: 0 };
  const step = async <T>(name: keyof typeof steps, work: Promise<T>): Promise<T> => {
    const t = performance.now();
    const out = await work;
    steps[name] += performance.now() - t;
    return out;
  };
  const originals: Buffer[] = [];
  const ours = async (bytes: Buffer) => {
    const [gen, id] = [newId(), newId()];
    const image = await step('ingest', sniffImageType(bytes) ? images.ingestResult(bytes) : Promise.reject(new Error('sniff')));
    await step(
      'writes',
      Promise.all([
        storage.put(storageKeys.original('bench', gen, id, image.format), image.bytes, image.contentType),
        storage.put(storageKeys.thumbnail('bench', gen, id), image.thumbnail, 'image/webp'),
      ]),
    );
    originals.push(image.bytes);
  };
  for (const [i, png] of pngs.slice(0, 5).entries()) await Promise.all([raw(png, -i - 1), ours(png)]); // warm-up
  Object.assign(steps, { ingest: 0, writes: 0 });
  originals.length = 0;
  const total = { raw: 0, ours: 0, rawCpu: 0, oursCpu: 0 };
  for (const [i, png] of pngs.entries()) {
    // Alternating which goes first spreads drift in machine load over both.
    for (const which of i % 2 ? (['raw', 'ours'] as const) : (['ours', 'raw'] as const)) {
      const [t, c] = [performance.now(), process.cpuUsage()];
      await (which === 'raw' ? raw(png, i) : ours(png));
      total[which] += performance.now() - t;
      total[`${which}Cpu`] += cpuMs(c);
    }
  }
  // The viewer's preview, made on an image's first view (openPreview), not during ingestion.
  const [tp, cp] = [performance.now(), process.cpuUsage()];
  for (const original of originals)
    await storage.put(storageKeys.preview('bench', newId(), newId()), await images.preview(original), 'image/webp');
  const preview = { wall: performance.now() - tp, cpu: cpuMs(cp) };
  const n = pngs.length;
  const kb = pngs.reduce((sum, p) => sum + p.length, 0) / n / 1024;
  console.log(`\n## 2. Ingestion: ${n} simulator PNGs (longest side 1024 px, ${kb.toFixed(0)} KB on average), one at a time\n`);
  const table = [
    ['raw baseline: dimensions, 512 px WebP thumbnail, write original + thumbnail', total.raw, total.rawCpu],
    ['ours: sniff, header, metadata cut from the PNG chunks, one full decode → 512 px WebP thumbnail', steps.ingest],
    ['ours: original + thumbnail written at once (temp file + rename each)', steps.writes],
    ['ours: total', total.ours, total.oursCpu],
    ['later, on first view only: 1536 px WebP preview + write (not ingestion)', preview.wall, preview.cpu],
  ] as const;
  console.log('| step | wall ms per image | CPU ms per image |\n|---|---:|---:|');
  for (const [name, wall, cpu] of table) console.log(`| ${name} | ${ms(wall / n)} | ${cpu === undefined ? '' : ms(cpu / n)} |`);
  console.log(`\ningestion / raw baseline = ${(total.ours / total.raw).toFixed(2)}×   (goal ≤ 1.2×)`);
  const budget = ((total.oursCpu / n + renderCpu) * IN_FLIGHT) / 1000 / availableParallelism();
  console.log(`simulator render: ${ms(renderCpu)} CPU ms per image; ${IN_FLIGHT} results (render + ours) need ≥ ${ms(budget)} s here`);
}

/** 3. A GALLERY_ROWS-generation gallery, a page at a time. */
async function gallery(deps: Deps, base: string, user: { id: string; cookie: string }): Promise<void> {
  const t0 = performance.now();
  const newest = new Date().toISOString(); // one clock for every batch: row i is i seconds older
  for (let from = 1; from <= GALLERY_ROWS; from += 10_000) {
    await deps.db.execute(sql`
      with g as (
        insert into generations (id, user_id, status, prompt, model_id, provider, provider_model, aspect_ratio, count, seed, cost,
                                 deadline_at, created_at, started_at, completed_at)
        select gen_random_uuid()::text, ${user.id}, 'succeeded', 'gallery ' || i, 'nano-banana', 'kie', 'google/nano-banana', '1:1',
               1, i, 2, t + interval '15 minutes', t, t, t + interval '3 seconds'
        from (select i, ${newest}::timestamptz - i * interval '1 second' as t
              from generate_series(${from}::int, ${Math.min(from + 9_999, GALLERY_ROWS)}::int) i) s
        returning id, user_id, created_at)
      insert into generation_images (id, generation_id, user_id, position, original_key, thumbnail_key, preview_key, content_type,
                                     width, height, bytes, created_at)
      select gen_random_uuid()::text, id, user_id, 0, id || '.png', id || '.thumb.webp', id || '.preview.webp', 'image/png',
             1024, 1024, 400000, created_at from g`);
  }
  await deps.db.execute(sql`analyze generations`);
  await deps.db.execute(sql`analyze generation_images`);
  const seeded = performance.now() - t0;
  const depth = Math.floor(GALLERY_ROWS * 0.9);
  const [row] = await rowsOf(
    deps.db.execute(sql`select created_at, id from generations where user_id = ${user.id} and deleted_at is null
                        order by created_at desc, id desc offset ${depth} limit 1`),
  );
  const at = new Date(row!.created_at as string).toISOString();
  const deepCursor = Buffer.from(`${at}|${row!.id}`).toString('base64url'); // as list-generations encodes it
  // The page query and an images query, as a plain two-query implementation would run them (the baseline).
  const pageSql = (cursor: boolean) => sql`select * from generations where user_id = ${user.id} and deleted_at is null
    ${cursor ? sql`and (created_at, id) < (${at}::timestamptz, ${row!.id as string})` : sql``}
    order by created_at desc, id desc limit ${PAGE + 1}`;
  const imagesSql = (ids: unknown[]) => sql`select * from generation_images where generation_id in ${ids} order by position`;
  const explain = (q: SQL) => rowsOf(deps.db.execute(sql`explain (analyze, costs off, timing off, summary off) ${q}`));
  const plan = async (q: SQL) => (await explain(q)).map((r) => String(Object.values(r)[0]));

  const bare = Fastify();
  bare.get('/hello', async () => ({ hello: 'world' }));
  bare.get('/raw-page', async (req) => {
    const page = await rowsOf(deps.db.execute(pageSql('deep' in (req.query as object))));
    return { page, images: await rowsOf(deps.db.execute(imagesSql(page.map((r) => r.id)))) };
  });
  const bareBase = await bare.listen({ port: 0, host: '127.0.0.1' });
  const opts = { connections, duration: seconds, headers: { cookie: user.cookie } };
  const url = `${base}/api/generations?limit=${PAGE}`;
  const walk = (ctx: { cursor?: string }) => `/api/generations?limit=${PAGE}${ctx.cursor ? `&cursor=${ctx.cursor}` : ''}`;
  // Each connection pages on from the cursor of the page it got before.
  const walking: autocannon.Request[] = [
    {
      setupRequest: (req, ctx: { cursor?: string }) => ({ ...req, path: walk(ctx) }),
      onResponse: (_status, body, ctx: { cursor?: string }) => {
        ctx.cursor = /"nextCursor":"([^"]+)"/.exec(body)?.[1];
      },
    },
  ];
  const results = [
    await measure('bare Fastify route', { ...opts, url: `${bareBase}/hello` }),
    await measure('raw page + images queries, first page, bare route', { ...opts, url: `${bareBase}/raw-page` }),
    await measure(`raw page + images queries at row ${depth}, bare route`, { ...opts, url: `${bareBase}/raw-page?deep` }),
    await measure('GET /api/generations, first page', { ...opts, url }),
    await measure(`GET /api/generations, page at row ${depth}`, { ...opts, url: `${url}&cursor=${deepCursor}` }),
    await measure('GET /api/generations, walking pages by cursor', {
      ...opts,
      url,
      requests: walking,
    }),
    // One person scrolling their gallery: the latency a user sees, without other requests queued ahead.
    await measure('GET /api/generations, walking pages, 1 connection', {
      ...opts,
      connections: 1,
      url,
      requests: walking,
    }),
  ];
  const deep = await plan(pageSql(true));
  const images = await plan(imagesSql((await rowsOf(deps.db.execute(pageSql(false)))).map((r) => r.id)));
  await bare.close();
  await deps.db.execute(sql`delete from generations where user_id = ${user.id}`);

  console.log(`\n## 3. Gallery: one user with ${GALLERY_ROWS} generations (seeded and analysed in ${ms(seeded / 1000)} s), limit=${PAGE}`);
  if (!postgres) console.log(`PGlite: scaled down from 100,000 to ${GALLERY_ROWS} generations (BENCH_GALLERY_ROWS sets it)`);
  console.log(`${connections} connections, ${seconds} s each\n`);
  console.log('| path | req/s | p99 ms | errors | non-2xx | req/s vs bare route |\n|---|---:|---:|---:|---:|---:|');
  for (const r of results)
    console.log(`| ${r.name} | ${r.rps.toFixed(0)} | ${r.p99} | ${r.errors} | ${r.non2xx} | ${(r.rps / results[0]!.rps).toFixed(4)} |`);
  const single = results.at(-1)!;
  console.log(`\ngallery p99, one user paging = ${single.p99} ms (goal < 20 ms on PostgreSQL)`);
  console.log(`gallery worst p99 with ${connections} connections at full load = ${Math.max(...results.slice(3, -1).map((r) => r.p99))} ms`);
  const uses = (p: string[], index: string) => `${p.some((l) => l.includes(index)) ? 'uses' : 'does NOT use'} ${index}`;
  console.log(`EXPLAIN ANALYZE page query at row ${depth}: ${uses(deep, 'generations_user_created_idx')}`);
  for (const line of deep.filter((l) => !/Buffers|Index Searches|Planning/.test(l))) console.log(`    ${line}`);
  console.log(`EXPLAIN ANALYZE images query (first page): ${uses(images, 'generation_images_generation_idx')}`);
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'animegen-bench-'));
  const scratch = only('in-flight') ? await scratchDatabase() : null;
  try {
    console.log(`\nAnimeGen pipeline benchmark on ${postgres ? 'postgres' : 'pglite'}`);
    // First, so the peak RSS is that of a fresh process.
    if (scratch) await inFlight(join(root, 'in-flight'), scratch.url);
    // A web-only instance for the rest: no idle worker slots polling the queue meanwhile.
    const web = await startApp(join(root, 'web'), {}, { role: 'web' });
    if (only('ingestion')) await ingestion(web.deps, join(root, 'web'));
    const [user] = await verifiedUsers(web.app, web.deps, 1, 'bench-gallery');
    if (only('gallery')) await gallery(web.deps, web.base, user!);
    await web.app.close();
    await web.deps.close();
  } finally {
    rmSync(root, { recursive: true, force: true });
    await scratch?.drop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
