/**
 * `npm run bench:zip`: POST /api/generations/download of 500 one-image
 * generations (BENCH_ZIP_IMAGES), each an 800 px noise PNG (~1.9 MB, the size
 * of a real one; BENCH_ZIP_SIDE), against a baseline measured in the same run:
 * the single download of one of them (`?download=1`), BENCH_ZIP_SINGLES times.
 * The server runs in this process (the web role, as `animegen serve`), so the
 * figures are its resident set size: sampled every 10 ms, the peak growth
 * over the value just before each part. The client reads each response as a
 * stream and drops it, so it holds one chunk at a time. Figures only; the goal
 * is flat memory (growth of the ZIP close to the single download's, not
 * growing with the archive).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { newId } from '../src/lib/ids.js';
import { scratchDatabase, startApp, verifiedUsers } from './lib.js';

const env = process.env;
const mb = (n: number) => `${(n / 2 ** 20).toFixed(1)} MB`;
const images = Number(env.BENCH_ZIP_IMAGES ?? 500);
const side = Number(env.BENCH_ZIP_SIDE ?? 800);
const singles = Number(env.BENCH_ZIP_SINGLES ?? 20);

/** Runs `work` while sampling RSS; the peak growth over the RSS just before it. */
async function peakGrowth<T>(work: () => Promise<T>): Promise<{ result: T; growth: number; seconds: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage.rss();
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 10);
  const started = performance.now();
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { result, growth: peak - before, seconds: (performance.now() - started) / 1000 };
  } finally {
    clearInterval(timer);
  }
}

/** Reads a response to its end, chunk by chunk, keeping only the count. */
async function drain(res: Response): Promise<number> {
  if (!res.ok || !res.body) throw new Error(`${res.status} ${await res.text()}`);
  let bytes = 0;
  for await (const chunk of res.body) bytes += chunk.byteLength;
  return bytes;
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'animegen-bench-zip-'));
  const scratch = await scratchDatabase();
  const { deps, app, base, origin } = await startApp(dataDir, scratch.url ? { DATABASE_URL: scratch.url } : {}, { role: 'web' });
  const [user] = await verifiedUsers(app, deps, 1, 'bench-zip');

  // One stored file behind every image row: each is still opened and streamed on its own, without 1 GB of fixtures on disk.
  const png = await sharp(randomBytes(side * side * 3), { raw: { width: side, height: side, channels: 3 } })
    .png()
    .toBuffer();
  const key = `bench/zip-${newId()}.png`;
  await deps.generation.storage.put(key, png, 'image/png');
  const ids: string[] = [];
  let firstImage = '';
  for (let i = 0; i < images; i++) {
    const generationId = newId();
    const imageId = newId();
    firstImage ||= imageId;
    ids.push(generationId);
    await deps.db.execute(sql`
      insert into generations (id, user_id, status, prompt, negative_prompt, model_id, provider, provider_model, aspect_ratio, count, seed, cost,
                               deadline_at, started_at, completed_at)
      values (${generationId}, ${user!.id}, 'succeeded', ${`1girl, silver hair, cherry blossoms, 桜 ${i}`}, 'blurry',
              'nano-banana', 'kie', 'google/nano-banana', '1:1', 1, 7, 2, now(), now(), now())`);
    await deps.db.execute(sql`
      insert into generation_images (id, generation_id, user_id, position, original_key, thumbnail_key, content_type, width, height, bytes)
      values (${imageId}, ${generationId}, ${user!.id}, 0, ${key}, ${key}, 'image/png', ${side}, ${side}, ${png.length})`);
  }
  const headers = { cookie: user!.cookie, origin };

  const single = await peakGrowth(async () => {
    let bytes = 0;
    for (let i = 0; i < singles; i++) {
      bytes += await drain(await fetch(`${base}/api/files/images/${firstImage}/original?download=1`, { headers }));
    }
    return bytes;
  });
  const zip = await peakGrowth(async () =>
    drain(
      await fetch(`${base}/api/generations/download`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ ids }),
      }),
    ),
  );

  const rate = (bytes: number, s: number) => `${(bytes / 2 ** 20 / s).toFixed(0)} MB/s`;
  console.log(`\nZIP download: ${images} images of ${(png.length / 2 ** 20).toFixed(2)} MB (${side} px PNG), server in this process`);
  console.log('| request | bytes | seconds | rate | peak RSS growth |');
  console.log('|---|---:|---:|---:|---:|');
  console.log(
    `| single download ×${singles} (baseline) | ${mb(single.result)} | ${single.seconds.toFixed(2)} | ${rate(single.result, single.seconds)} | ${mb(single.growth)} |`,
  );
  console.log(
    `| ZIP of ${images} | ${mb(zip.result)} | ${zip.seconds.toFixed(2)} | ${rate(zip.result, zip.seconds)} | ${mb(zip.growth)} |`,
  );
  console.log(
    `ZIP peak RSS growth − baseline = ${mb(zip.growth - single.growth)} (archive ${mb(zip.result)}; RSS now ${mb(process.memoryUsage.rss())})`,
  );

  await app.close();
  await deps.close();
  await scratch.drop();
  rmSync(dataDir, { recursive: true, force: true });
}

await main();
