/**
 * `npm run bench`, second part: the generation pipeline, each figure next to a baseline from the same run.
 *   1. In flight: BENCH_IN_FLIGHT (500) generations submitted over HTTP at once to a fresh process
 *      with a worker of that many slots, the simulator (a process of its own) at 2 s per task with its
 *      rate limit off, calling back when a task ends (BENCH_CALLBACKS=0: polling only), handing out
 *      ready 1024 px images (BENCH_RESULT_PX); the users submit from a process of their own: wall
 *      time until all are terminal, against the same results fetched and thumbnailed with nothing
 *      else (bench/raw-in-flight-process.ts; goal ≤ 1.3×) and against the ideal 2 s; peak RSS (goal
 *      < 400 MB). BENCH_IN_FLIGHT_ROUNDS rounds (3), each on a scratch database beside
 *      DATABASE_URL, dropped afterwards.
 * Run built (npm run bench), so the process holds what production runs, not tsx.
 *   2. Ingestion: what completeGeneration does with one downloaded result (sniff, metadata removed,
 *      original + WebP thumbnail stored) against a minimal sharp thumbnail + file writes, on the same
 *      simulator PNGs (goal ≤ 1.2×); the preview, made on first view, is timed apart.
 *   3. Gallery: one user with 100,000 generations (20,000 on PGlite), GET /api/generations?limit=50
 *      (first page, a deep page, pages walked by cursor) against a bare Fastify route (goal p99 < 20 ms).
 *   4. Downloads: a result's PNG with its settings written in as it streams, against the stored
 *      file sent as it is (goal ≥ 0.9×).
 *   6. Image tools (bench/tools.ts): an upscale's and a background removal's result through the KIE
 *      adapter's download, ingestion and storage against a plain fetch + thumbnail + writes (goal ≤ 1.2×).
 *   5. Image moderation (bench/moderation-images.ts): the local classifier's warm-up, then its cost
 *      per image (p50/p95/p99/mean) against sharp decoding the same image to raw pixels; and
 *      generations end to end through the app with the image check off and local in alternate
 *      rounds (local / off wall and throughput), with what one check takes under that load.
 *      BENCH_MODERATION_IMAGES, BENCH_MODERATION_GENERATIONS, BENCH_MODERATION_ROUNDS,
 *      BENCH_MODERATION_TASK_MS: sizes.
 * PostgreSQL when DATABASE_URL is set, PGlite otherwise. BENCH_SECONDS: each autocannon run's length;
 * BENCH_IN_FLIGHT, BENCH_INGEST_IMAGES, BENCH_GALLERY_ROWS: sizes; BENCH_ONLY=gallery,…: some parts
 * (in-flight, ingestion, tools, gallery, downloads, moderation).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { downloads } from './downloads.js';
import { gallery } from './gallery.js';
import { inFlight } from './in-flight.js';
import { ingestion } from './ingestion.js';
import { startApp, verifiedUsers } from './lib.js';
import { imageModeration } from './moderation-images.js';
import { tools } from './tools.js';

const env = process.env;
const postgres = Boolean(env.DATABASE_URL);
const only = (part: string) => !env.BENCH_ONLY || env.BENCH_ONLY.split(',').includes(part);

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'animegen-bench-'));
  try {
    console.log(`\nAnimeGen pipeline benchmark on ${postgres ? 'postgres' : 'pglite'}`);
    if (only('in-flight')) await inFlight(join(root, 'in-flight'));
    // A web-only instance for the rest: no idle worker slots polling the queue meanwhile.
    const web = await startApp(join(root, 'web'), {}, { role: 'web' });
    if (only('ingestion')) await ingestion(web.deps, join(root, 'web'));
    if (only('tools')) await tools(web.deps, join(root, 'web'));
    const [user] = await verifiedUsers(web.app, web.deps, 1, 'bench-gallery');
    if (only('gallery')) await gallery(web.deps, web.base, user!);
    if (only('downloads')) await downloads(web.deps, web.base, user!);
    await web.app.close();
    await web.deps.close();
    if (only('moderation')) await imageModeration(join(root, 'moderation'));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
