/** `npm run bench`, part 2.4: a result downloaded with its settings inside, against the stored file sent as it is. */
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import type { Deps } from '../src/deps.js';
import { newId } from '../src/lib/ids.js';
import { measure, type Result } from './lib.js';

const env = process.env;
const seconds = Number(env.BENCH_SECONDS ?? 5);
const connections = Number(env.BENCH_CONNECTIONS ?? 10);
/** Plain and download alternate, this many rounds each, pooled. On a shared machine, load comes and goes: alternating spreads it over both. */
const rounds = Number(env.BENCH_ROUNDS ?? 3);

/** The rounds as one: requests per second over all of them (autocannon's per-second average is a whole number of a few here), the worst p99. */
const pooled = (results: Result[]): Result => ({
  ...results[0]!,
  rps: results.reduce((n, r) => n + r.sent, 0) / (results.length * seconds),
  p99: Math.max(...results.map((r) => r.p99)),
  errors: results.reduce((n, r) => n + r.errors, 0),
  non2xx: results.reduce((n, r) => n + r.non2xx, 0),
});

/** Stores `bytes` as the one image of a finished generation of `userId`; returns the image's URL. */
async function givenResult(deps: Deps, base: string, userId: string, bytes: Buffer, format: 'png' | 'jpeg', side: number) {
  const generationId = newId();
  const imageId = newId();
  const key = `bench/${generationId}.${format}`;
  await deps.generation.storage.put(key, bytes, `image/${format}`);
  await deps.db.execute(sql`
    insert into generations (id, user_id, status, prompt, negative_prompt, model_id, provider, provider_model, aspect_ratio, count, seed, cost,
                             deadline_at, started_at, completed_at)
    values (${generationId}, ${userId}, 'succeeded', '1girl, silver hair, cherry blossoms, dusk, (masterpiece:1.2), 桜', 'blurry',
            'nano-banana', 'kie', 'google/nano-banana', '1:1', 1, 7, 2, now(), now(), now())`);
  await deps.db.execute(sql`
    insert into generation_images (id, generation_id, user_id, position, original_key, thumbnail_key, content_type, width, height, bytes)
    values (${imageId}, ${generationId}, ${userId}, 0, ${key}, ${key}, ${`image/${format}`}, ${side}, ${side}, ${bytes.length})`);
  return `${base}/api/files/images/${imageId}/original`;
}

/**
 * One 800 px result (noise, so it does not compress away: a ~1.9 MB PNG, a
 * ~0.5 MB JPEG, the sizes of real ones), fetched by its owner as the page
 * shows it (the stored file) and as a download (the same file with the
 * settings added as it streams: PNG text chunks, JPEG EXIF). Goal: each
 * download rate ≥ 0.9× its plain one.
 */
export async function downloads(deps: Deps, base: string, user: { id: string; cookie: string }): Promise<void> {
  const side = 800;
  const noise = sharp(randomBytes(side * side * 3), { raw: { width: side, height: side, channels: 3 } });
  const files = { png: await noise.clone().png().toBuffer(), jpeg: await noise.clone().jpeg({ quality: 92 }).toBuffer() };
  const opts = { connections, duration: seconds, headers: { cookie: user.cookie } };
  console.log(`\n4. Downloads: one 800 px result, ${connections} connections, ${rounds} alternating rounds of ${seconds} s each, pooled`);
  console.log('| path | req/s | p99 ms | errors | non-2xx |');
  console.log('|---|---:|---:|---:|---:|');
  const ratios: string[] = [];
  for (const format of ['png', 'jpeg'] as const) {
    const bytes = files[format];
    const url = await givenResult(deps, base, user.id, bytes, format, side);
    const size = `${(bytes.length / 2 ** 20).toFixed(1)} MB ${format.toUpperCase()}`;
    const plains: Result[] = [];
    const loaded: Result[] = [];
    for (let i = 0; i < rounds; i++) {
      plains.push(await measure(`GET original, ${size} (stored file)`, { ...opts, url }));
      loaded.push(await measure(`GET original?download=1, ${size} (settings inside)`, { ...opts, url: `${url}?download=1` }));
    }
    const plain = pooled(plains);
    const download = pooled(loaded);
    for (const r of [plain, download]) console.log(`| ${r.name} | ${r.rps.toFixed(1)} | ${r.p99} | ${r.errors} | ${r.non2xx} |`);
    ratios.push(`${format}: download / stored file = ${(download.rps / plain.rps).toFixed(3)}`);
  }
  for (const line of ratios) console.log(`${line}   (goal ≥ 0.9)`);
}
