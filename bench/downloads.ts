/** `npm run bench`, part 2.4: a result downloaded with its settings inside, against the stored file sent as it is. */
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import type { Deps } from '../src/deps.js';
import { newId } from '../src/lib/ids.js';
import { measure } from './lib.js';

const env = process.env;
const seconds = Number(env.BENCH_SECONDS ?? 5);
const connections = Number(env.BENCH_CONNECTIONS ?? 10);

/**
 * One 800 px PNG result (noise, so it does not compress away: ~1.9 MB, the
 * size of a real one), fetched by its owner as the page shows it (the stored
 * file) and as a download (the same file with `parameters` and `animegen`
 * text added as it streams). Goal: the download rate ≥ 0.9× the plain one.
 */
export async function downloads(deps: Deps, base: string, user: { id: string; cookie: string }): Promise<void> {
  const side = 800;
  const noise = randomBytes(side * side * 3);
  const png = await sharp(noise, { raw: { width: side, height: side, channels: 3 } })
    .png()
    .toBuffer();
  const generationId = newId();
  const imageId = newId();
  const key = `bench/${generationId}.png`;
  await deps.generation.storage.put(key, png, 'image/png');
  await deps.db.execute(sql`
    insert into generations (id, user_id, status, prompt, negative_prompt, model_id, provider, provider_model, aspect_ratio, count, seed, cost,
                             deadline_at, started_at, completed_at)
    values (${generationId}, ${user.id}, 'succeeded', '1girl, silver hair, cherry blossoms, dusk, (masterpiece:1.2), 桜', 'blurry',
            'nano-banana', 'kie', 'google/nano-banana', '1:1', 1, 7, 2, now(), now(), now())`);
  await deps.db.execute(sql`
    insert into generation_images (id, generation_id, user_id, position, original_key, thumbnail_key, content_type, width, height, bytes)
    values (${imageId}, ${generationId}, ${user.id}, 0, ${key}, ${key}, 'image/png', ${side}, ${side}, ${png.length})`);

  const url = `${base}/api/files/images/${imageId}/original`;
  const opts = { connections, duration: seconds, headers: { cookie: user.cookie } };
  const plain = await measure('GET original (stored file)', { ...opts, url });
  const download = await measure('GET original?download=1 (settings inside)', { ...opts, url: `${url}?download=1` });

  console.log(`\n4. Downloads: one ${(png.length / 2 ** 20).toFixed(1)} MB PNG, ${connections} connections, ${seconds} s each`);
  console.log('| path | req/s | p99 ms | errors | non-2xx |');
  console.log('|---|---:|---:|---:|---:|');
  for (const r of [plain, download]) console.log(`| ${r.name} | ${r.rps.toFixed(0)} | ${r.p99} | ${r.errors} | ${r.non2xx} |`);
  console.log(`download / stored file = ${(download.rps / plain.rps).toFixed(3)}   (goal ≥ 0.9)`);
}
