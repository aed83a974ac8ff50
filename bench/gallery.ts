/**
 * `npm run bench`, part 2.3: a large gallery, a page at a time, against a bare route running the same queries;
 * then its search and filters (prompt words, favourites, an album, model, status and dates) in the same run.
 */
import type autocannon from 'autocannon';
import { type SQL, sql } from 'drizzle-orm';
import Fastify from 'fastify';
import type { Deps } from '../src/deps.js';
import { newId } from '../src/lib/ids.js';
import { measure, ms, rowsOf } from './lib.js';

const env = process.env;
const seconds = Number(env.BENCH_SECONDS ?? 5);
const connections = Number(env.BENCH_CONNECTIONS ?? 10);
const postgres = Boolean(env.DATABASE_URL);
const GALLERY_ROWS = Number(env.BENCH_GALLERY_ROWS ?? (postgres ? 100_000 : 20_000));
const PAGE = 50;

/** 3. A GALLERY_ROWS-generation gallery, a page at a time. */
export async function gallery(deps: Deps, base: string, user: { id: string; cookie: string }): Promise<void> {
  const t0 = performance.now();
  const newest = new Date().toISOString(); // one clock for every batch: row i is i seconds older
  for (let from = 1; from <= GALLERY_ROWS; from += 10_000) {
    await deps.db.execute(sql`
      with g as (
        insert into generations (id, user_id, status, prompt, model_id, provider, provider_model, aspect_ratio, count, seed, cost,
                                 deadline_at, created_at, started_at, completed_at)
        select gen_random_uuid()::text, ${user.id}, 'succeeded', ${promptSql}, 'nano-banana', 'kie', 'google/nano-banana', '1:1',
               1, i, 2, t + interval '15 minutes', t, t, t + interval '3 seconds'
        from (select i, ${newest}::timestamptz - i * interval '1 second' as t
              from generate_series(${from}::int, ${Math.min(from + 9_999, GALLERY_ROWS)}::int) i) s
        returning id, user_id, created_at)
      insert into generation_images (id, generation_id, user_id, position, original_key, thumbnail_key, preview_key, content_type,
                                     width, height, bytes, created_at)
      select gen_random_uuid()::text, id, user_id, 0, id || '.png', id || '.thumb.webp', id || '.preview.webp', 'image/png',
             1024, 1024, 400000, created_at from g`);
  }
  // Every 50th generation's image a favourite (its seed is its row number); an album of every 100th.
  await deps.db.execute(sql`update generation_images gi set favourited_at = gi.created_at from generations g
                            where g.id = gi.generation_id and g.user_id = ${user.id} and g.seed % 50 = 0`);
  const albumId = newId();
  await deps.db.execute(sql`insert into albums (id, user_id, name) values (${albumId}, ${user.id}, 'bench album')`);
  await deps.db.execute(sql`insert into album_images (album_id, image_id)
                            select ${albumId}, gi.id from generation_images gi join generations g on g.id = gi.generation_id
                            where g.user_id = ${user.id} and g.seed % 100 = 0`);
  await deps.db.execute(sql`analyze generations`);
  await deps.db.execute(sql`analyze albums`);
  await deps.db.execute(sql`analyze album_images`);
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
  const searches = await searchAndFilters(url, opts, albumId);
  const deep = await plan(pageSql(true));
  const images = await plan(imagesSql((await rowsOf(deps.db.execute(pageSql(false)))).map((r) => r.id)));
  await bare.close();
  await deps.db.execute(sql`delete from generations where user_id = ${user.id}`);
  await deps.db.execute(sql`delete from albums where user_id = ${user.id}`);

  console.log(`\n## 3. Gallery: one user with ${GALLERY_ROWS} generations (seeded and analysed in ${ms(seeded / 1000)} s), limit=${PAGE}`);
  if (!postgres) console.log(`PGlite: scaled down from 100,000 to ${GALLERY_ROWS} generations (BENCH_GALLERY_ROWS sets it)`);
  console.log(`${connections} connections, ${seconds} s each\n`);
  console.log('| path | req/s | p99 ms | errors | non-2xx | req/s vs bare route |\n|---|---:|---:|---:|---:|---:|');
  for (const r of results)
    console.log(`| ${r.name} | ${r.rps.toFixed(0)} | ${r.p99} | ${r.errors} | ${r.non2xx} | ${(r.rps / results[0]!.rps).toFixed(4)} |`);
  const single = results.at(-1)!;
  console.log(`\ngallery p99, one user paging = ${single.p99} ms (goal < 20 ms on PostgreSQL)`);
  console.log(`gallery worst p99 with ${connections} connections at full load = ${Math.max(...results.slice(3, -1).map((r) => r.p99))} ms`);
  console.log(
    `\n### Search and filters (issue goal: p99 < 50 ms on PostgreSQL), beside the plain first page above (p99 ${results[3]!.p99} ms)\n`,
  );
  console.log(
    '| query | matches | req/s | p99 ms, 1 connection | p99 ms, ' +
      connections +
      ' connections | non-2xx |\n|---|---:|---:|---:|---:|---:|',
  );
  for (const r of searches)
    console.log(
      `| ${r.name} | ${r.matches} | ${r.loaded.rps.toFixed(0)} | ${r.single.p99} | ${r.loaded.p99} | ${r.single.non2xx + r.loaded.non2xx} |`,
    );
  console.log(`search and filters, worst p99 at 1 connection = ${Math.max(...searches.map((r) => r.single.p99))} ms`);
  const uses = (p: string[], index: string) => `${p.some((l) => l.includes(index)) ? 'uses' : 'does NOT use'} ${index}`;
  console.log(`EXPLAIN ANALYZE page query at row ${depth}: ${uses(deep, 'generations_user_created_idx')}`);
  for (const line of deep.filter((l) => !/Buffers|Index Searches|Planning/.test(l))) console.log(`    ${line}`);
  console.log(`EXPLAIN ANALYZE images query (first page): ${uses(images, 'generation_images_generation_idx')}`);
}

/**
 * The words of the seeded prompts: row i gets one of the common ones (an
 * eighth of the gallery each) and every 5,000th the rare one, so a search
 * finds many rows or a handful; the Japanese word goes to the substring
 * path (no index).
 */
const promptSql = sql`(array['1girl cherry blossoms', 'silver hair night sky', 'school uniform smile', 'cat ears rain',
  'sword armor', 'beach sunset', 'library glasses', '桜 夜空'])[1 + i % 8] || case when i % 5000 = 0 then ' lighthouse' else '' end || ' ' || i`;

/** Search and filter queries of the gallery, each at 1 connection (one person) and at full load. */
async function searchAndFilters(url: string, opts: Omit<autocannon.Options, 'url'>, albumId: string) {
  const today = new Date().toISOString().slice(0, 10);
  const queries: [string, string][] = [
    ['q=cherry (an eighth of the gallery)', 'q=cherry'],
    ['q=lighthouse (20 rows)', 'q=lighthouse'],
    ['q="night sky" -silver (none)', `q=${encodeURIComponent('"night sky" -silver')}`],
    ['q=桜 (substring, an eighth)', `q=${encodeURIComponent('桜')}`],
    ['favourite=1 (2%)', 'favourite=1'],
    [`album (1%)`, `album=${albumId}`],
    ['q=cherry&favourite=1', 'q=cherry&favourite=1'],
    ['model, status, from–to', `model=nano-banana&status=succeeded&from=2000-01-01&to=${today}`],
  ];
  const out = [];
  for (const [name, query] of queries) {
    const first = await fetch(`${url}&${query}`, { headers: opts.headers as Record<string, string> });
    const page = (await first.json()) as { items?: unknown[]; nextCursor?: string | null };
    const matches = first.ok ? `${page.items?.length ?? 0}${page.nextCursor ? '+' : ''}` : `HTTP ${first.status}`;
    const single = await measure(name, { ...opts, connections: 1, url: `${url}&${query}` });
    const loaded = await measure(name, { ...opts, url: `${url}&${query}` });
    out.push({ name, matches, single, loaded });
  }
  return out;
}
