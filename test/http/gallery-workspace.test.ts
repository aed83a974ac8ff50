import { randomUUID } from 'node:crypto';
import { inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Generation, GenerationPage } from '../../src/contracts/api.js';
import { MAX_ALBUM_NAME, MAX_ALBUMS } from '../../src/contracts/gallery.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { countOf, tables } from '../helpers/tables.js';
import { givenVerifiedUser, type TestUser } from '../helpers/users.js';

/** A gallery page, or an error's body. */
type PageOrError = GenerationPage & { error: { code: string; field?: string } };

/**
 * The gallery as a workspace: search, filters (each and together, across
 * cursor pages), favourites and albums, and that nobody reaches another
 * user's album or image. Generations are written straight into the tables
 * (finished, with known times), so the pipeline is not what is tested here.
 */
describe('the gallery as a workspace', () => {
  let t: TestApp;
  let models: [string, string];
  beforeAll(async () => {
    t = await buildTestApp({ worker: false });
    const ids = t.deps.generation.catalog.map((m) => m.id);
    models = [ids[0]!, ids.find((id) => id !== ids[0])!];
  });
  afterAll(() => t?.close());

  const as = (user: TestUser, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url, payload, headers: { cookie: user.cookie, origin: t.origin } });

  /** A finished generation with `images` clear images, made at `at`. Returns its id and its images' ids. */
  async function givenGeneration(
    user: TestUser,
    opts: { prompt: string; at: string; model?: string; status?: 'succeeded' | 'failed'; images?: number },
  ): Promise<{ id: string; images: string[] }> {
    const id = randomUUID();
    const status = opts.status ?? 'succeeded';
    const count = status === 'succeeded' ? (opts.images ?? 1) : 0;
    await t.deps.db.insert(tables.generations).values({
      id,
      userId: user.id,
      status,
      prompt: opts.prompt,
      modelId: opts.model ?? models[0],
      provider: 'simulator',
      providerModel: 'sim',
      aspectRatio: '1:1',
      count: Math.max(count, 1),
      cost: 1,
      deadlineAt: new Date(opts.at),
      createdAt: new Date(opts.at),
    });
    const images = Array.from({ length: count }, () => randomUUID());
    for (const [position, imageId] of images.entries()) {
      await t.deps.db.insert(tables.generationImages).values({
        id: imageId,
        generationId: id,
        userId: user.id,
        position,
        originalKey: `test/${imageId}.png`,
        thumbnailKey: `test/${imageId}.webp`,
        contentType: 'image/png',
        width: 64,
        height: 64,
        bytes: 100,
      });
    }
    return { id, images };
  }

  async function gallery(user: TestUser, query: string): Promise<{ status: number; ids: string[]; body: PageOrError }> {
    const res = await as(user, 'GET', `/api/generations?${query}`);
    const body = res.json();
    return { status: res.statusCode, ids: res.statusCode === 200 ? body.items.map((g: Generation) => g.id) : [], body };
  }

  /** Every page of a query, following the cursor, `limit` at a time. */
  async function allPages(user: TestUser, query: string, limit: number): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await gallery(user, `${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.ids.length).toBeLessThanOrEqual(limit);
      ids.push(...page.ids);
      cursor = page.body.nextCursor;
    } while (cursor);
    return ids;
  }

  const album = async (user: TestUser, name: string) => {
    const res = await as(user, 'POST', '/api/albums', { name });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string; name: string; imageCount: number; coverImageId: string | null; coverThumbnailUrl: string | null };
  };

  it('searches prompt words (any order, any case), Japanese by substring, and says when nothing matches', async () => {
    const user = await givenVerifiedUser(t);
    const a = await givenGeneration(user, { prompt: 'A silver-haired knight under cherry blossoms', at: '2026-03-01T10:00:00Z' });
    const b = await givenGeneration(user, { prompt: 'cherry pie on a table, still life', at: '2026-03-02T10:00:00Z' });
    const c = await givenGeneration(user, { prompt: '金髪の少女、桜の木の下で', at: '2026-03-03T10:00:00Z' });
    expect((await gallery(user, 'q=cherry')).ids).toEqual([b.id, a.id]);
    expect((await gallery(user, 'q=BLOSSOMS%20Cherry')).ids).toEqual([a.id]);
    expect((await gallery(user, 'q=%22cherry%20pie%22')).ids).toEqual([b.id]);
    expect((await gallery(user, 'q=cherry%20-pie')).ids).toEqual([a.id]);
    expect((await gallery(user, `q=${encodeURIComponent('少女')}`)).ids).toEqual([c.id]);
    expect((await gallery(user, `q=${encodeURIComponent('桜')}`)).ids).toEqual([c.id]);
    expect((await gallery(user, 'q=dragon')).ids).toEqual([]);
    // Punctuation alone is matched as text, never an error.
    expect((await gallery(user, `q=${encodeURIComponent('、')}`)).ids).toEqual([c.id]);
    expect((await gallery(user, `q=${encodeURIComponent("'&|!:*()")}`)).status).toBe(200);
    // An empty search is no search.
    expect((await gallery(user, 'q=')).ids).toEqual([c.id, b.id, a.id]);
  });

  it('filters by model, status, tool and whole days (both ends inclusive)', async () => {
    const user = await givenVerifiedUser(t);
    const early = await givenGeneration(user, { prompt: 'one', at: '2026-04-01T00:00:00Z' });
    const late = await givenGeneration(user, { prompt: 'two', at: '2026-04-02T23:59:59.999Z', model: models[1] });
    const failed = await givenGeneration(user, { prompt: 'three', at: '2026-04-03T12:00:00Z', status: 'failed' });
    expect((await gallery(user, `model=${models[1]}`)).ids).toEqual([late.id]);
    expect((await gallery(user, `model=${models[0]}`)).ids).toEqual([failed.id, early.id]);
    expect((await gallery(user, 'status=failed')).ids).toEqual([failed.id]);
    expect((await gallery(user, 'status=succeeded')).ids).toEqual([late.id, early.id]);
    expect((await gallery(user, 'tool=text')).ids).toEqual([failed.id, late.id, early.id]);
    expect((await gallery(user, 'from=2026-04-01&to=2026-04-02')).ids).toEqual([late.id, early.id]);
    expect((await gallery(user, 'from=2026-04-02')).ids).toEqual([failed.id, late.id]);
    expect((await gallery(user, 'to=2026-04-01')).ids).toEqual([early.id]);
    expect((await gallery(user, 'from=2026-04-03&to=2026-04-03')).ids).toEqual([failed.id]);
  });

  it('refuses bad filter values with 422 naming the field, never 500', async () => {
    const user = await givenVerifiedUser(t);
    const cases: [string, string][] = [
      ['model=no-such-model', 'model'],
      ['status=exploded', 'status'],
      ['tool=sharpen', 'tool'],
      ['from=2026-02-30', 'from'],
      ['to=yesterday', 'to'],
      ['from=2026-05-02&to=2026-05-01', 'from'],
      ['favourite=yes', 'favourite'],
      ['album=not-a-uuid', 'album'],
      [`q=${'x'.repeat(201)}`, 'q'],
      ['q=%00', 'q'],
      ['cursor=bm9wZQ', 'cursor'],
    ];
    for (const [query, field] of cases) {
      const res = await gallery(user, query);
      expect(res.status, query).toBe(422);
      expect(res.body.error.code, query).toBe('invalid_input');
      expect(res.body.error.field, query).toBe(field);
    }
  });

  it('pages through combined filters by cursor without losing or repeating a generation', async () => {
    const user = await givenVerifiedUser(t);
    const wanted: string[] = [];
    for (let i = 0; i < 14; i++) {
      const day = String(10 + (i % 5)).padStart(2, '0');
      const g = await givenGeneration(user, {
        prompt: i % 2 === 0 ? `sunset beach number ${i}` : `night city number ${i}`,
        at: `2026-05-${day}T${String(i).padStart(2, '0')}:00:00Z`,
        model: i % 3 === 0 ? models[1] : models[0],
      });
      if (i % 2 === 0 && i % 3 !== 0 && day >= '11' && day <= '13') wanted.push(g.id);
      if (i % 2 === 0) await as(user, 'PUT', `/api/images/${g.images[0]}/favourite`);
    }
    const query = `q=sunset&model=${models[0]}&from=2026-05-11&to=2026-05-13&status=succeeded&favourite=1&tool=text`;
    const expected = (await gallery(user, `${query}&limit=100`)).ids;
    expect(new Set(expected)).toEqual(new Set(wanted));
    expect(expected.length).toBeGreaterThan(1);
    expect(await allPages(user, query, 1)).toEqual(expected);
    const all = await allPages(user, 'q=number', 3);
    expect(all).toHaveLength(14);
    expect(new Set(all).size).toBe(14);
  });

  it('marks favourites idempotently, shows them on images, and filters to them', async () => {
    const user = await givenVerifiedUser(t);
    const g = await givenGeneration(user, { prompt: 'two of them', at: '2026-06-01T00:00:00Z', images: 2 });
    const other = await givenGeneration(user, { prompt: 'plain', at: '2026-06-02T00:00:00Z' });
    const [first, second] = g.images as [string, string];
    for (let i = 0; i < 2; i++) {
      const res = await as(user, 'PUT', `/api/images/${second}/favourite`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ imageId: second, favourite: true });
    }
    const page = await gallery(user, 'favourite=1');
    expect(page.ids).toEqual([g.id]);
    // Narrowed to the favourite image.
    expect(page.body.items[0]!.images.map((i: { id: string; favourite: boolean }) => [i.id, i.favourite])).toEqual([[second, true]]);
    const full = (await gallery(user, '')).body.items.find((x: Generation) => x.id === g.id);
    expect(full!.images.map((i: { favourite: boolean }) => i.favourite)).toEqual([false, true]);
    expect((await gallery(user, 'favourite=0')).ids).toEqual([other.id, g.id]);
    const detail = (await as(user, 'GET', `/api/generations/${g.id}`)).json();
    expect(detail.images.find((i: { id: string }) => i.id === second).favourite).toBe(true);
    for (let i = 0; i < 2; i++) {
      const res = await as(user, 'DELETE', `/api/images/${second}/favourite`);
      expect(res.json()).toEqual({ imageId: second, favourite: false });
    }
    expect((await gallery(user, 'favourite=1')).ids).toEqual([]);
    expect((await as(user, 'PUT', `/api/images/${first}/favourite`)).statusCode).toBe(200);
    expect((await as(user, 'PUT', `/api/images/${randomUUID()}/favourite`)).statusCode).toBe(404);
    expect((await as(user, 'PUT', '/api/images/not-a-uuid/favourite')).statusCode).toBe(422);
  });

  it('creates, lists, renames and deletes albums; names unique per user, limited in length and number', async () => {
    const user = await givenVerifiedUser(t);
    const neighbour = await givenVerifiedUser(t);
    const trips = await album(user, '  Trips  ');
    expect(trips).toMatchObject({ name: 'Trips', imageCount: 0, coverImageId: null, coverThumbnailUrl: null });
    await album(neighbour, 'Trips'); // Another user may use the same name.
    const dup = await as(user, 'POST', '/api/albums', { name: 'TRIPS' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({ code: 'conflict', field: 'name' });
    for (const name of ['', '   ', 'x'.repeat(MAX_ALBUM_NAME + 1)]) {
      const res = await as(user, 'POST', '/api/albums', { name });
      expect(res.statusCode, name).toBe(422);
      expect(res.json().error.field).toBe('name');
    }
    expect((await as(user, 'POST', '/api/albums', { name: 'ok', extra: 1 })).statusCode).toBe(422);
    const faves = await album(user, 'Faves');
    expect((await as(user, 'GET', '/api/albums')).json().items.map((a: { name: string }) => a.name)).toEqual(['Faves', 'Trips']);

    const renamed = await as(user, 'PATCH', `/api/albums/${trips.id}`, { name: 'Journeys' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().name).toBe('Journeys');
    const clash = await as(user, 'PATCH', `/api/albums/${trips.id}`, { name: 'faves' });
    expect(clash.statusCode).toBe(409);
    expect((await as(user, 'PATCH', `/api/albums/${trips.id}`, {})).statusCode).toBe(422);
    // Renaming to itself in another case is fine.
    expect((await as(user, 'PATCH', `/api/albums/${faves.id}`, { name: 'FAVES' })).json().name).toBe('FAVES');

    expect((await as(user, 'DELETE', `/api/albums/${faves.id}`)).statusCode).toBe(204);
    expect((await as(user, 'DELETE', `/api/albums/${faves.id}`)).statusCode).toBe(404);
    expect((await as(user, 'GET', '/api/albums')).json().items.map((a: { name: string }) => a.name)).toEqual(['Journeys']);
  });

  it(`refuses album number ${MAX_ALBUMS + 1} with limit_reached`, async () => {
    const user = await givenVerifiedUser(t);
    await t.deps.db
      .insert(tables.albums)
      .values(Array.from({ length: MAX_ALBUMS }, (_, i) => ({ id: randomUUID(), userId: user.id, name: `album ${i}` })));
    const res = await as(user, 'POST', '/api/albums', { name: 'one too many' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('limit_reached');
  });

  it('keeps an image in two albums, counts it, filters by album, and removing it keeps the image', async () => {
    const user = await givenVerifiedUser(t);
    const g = await givenGeneration(user, { prompt: 'shared', at: '2026-07-01T00:00:00Z', images: 2 });
    const lone = await givenGeneration(user, { prompt: 'lone', at: '2026-07-02T00:00:00Z' });
    const [image, sibling] = g.images as [string, string];
    const one = await album(user, 'One');
    const two = await album(user, 'Two');
    for (const a of [one, two]) {
      for (let i = 0; i < 2; i++) {
        const res = await as(user, 'PUT', `/api/albums/${a.id}/images/${image}`);
        expect(res.statusCode).toBe(200);
        expect(res.json().album).toMatchObject({ id: a.id, imageCount: 1, coverThumbnailUrl: `/api/files/images/${image}/thumbnail` });
      }
    }
    const inOne = await gallery(user, `album=${one.id}`);
    expect(inOne.ids).toEqual([g.id]);
    expect(inOne.body.items[0]!.images.map((i: { id: string }) => i.id)).toEqual([image]);
    expect((await gallery(user, `album=${two.id}&q=shared`)).ids).toEqual([g.id]);
    expect((await gallery(user, `album=${two.id}&q=lone`)).ids).toEqual([]);
    expect((await gallery(user, `album=${randomUUID()}`)).status).toBe(404);

    const removed = await as(user, 'DELETE', `/api/albums/${one.id}/images/${image}`);
    expect(removed.json().album.imageCount).toBe(0);
    expect((await as(user, 'DELETE', `/api/albums/${one.id}/images/${image}`)).statusCode).toBe(200);
    expect((await gallery(user, `album=${one.id}`)).ids).toEqual([]);
    expect((await gallery(user, `album=${two.id}`)).ids).toEqual([g.id]);
    // Deleting an album leaves its images where they were.
    expect((await as(user, 'DELETE', `/api/albums/${two.id}`)).statusCode).toBe(204);
    expect((await gallery(user, '')).ids).toEqual([lone.id, g.id]);
    expect((await gallery(user, '')).body.items[1]!.images.map((i: { id: string }) => i.id)).toEqual([image, sibling]);
  });

  it('sets a cover only from the album, and clears it when that image leaves', async () => {
    const user = await givenVerifiedUser(t);
    const g = await givenGeneration(user, { prompt: 'covers', at: '2026-08-01T00:00:00Z', images: 3 });
    const [a, b, outside] = g.images as [string, string, string];
    const box = await album(user, 'Box');
    await as(user, 'PUT', `/api/albums/${box.id}/images/${a}`);
    await as(user, 'PUT', `/api/albums/${box.id}/images/${b}`);
    // No cover chosen: the image added last shows.
    expect((await as(user, 'GET', '/api/albums')).json().items[0].coverThumbnailUrl).toBe(`/api/files/images/${b}/thumbnail`);
    const set = await as(user, 'PATCH', `/api/albums/${box.id}`, { coverImageId: a });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ coverImageId: a, coverThumbnailUrl: `/api/files/images/${a}/thumbnail`, imageCount: 2 });
    for (const cover of [outside, randomUUID()]) {
      const res = await as(user, 'PATCH', `/api/albums/${box.id}`, { coverImageId: cover });
      expect(res.statusCode).toBe(422);
      expect(res.json().error).toMatchObject({ code: 'invalid_input', field: 'coverImageId' });
    }
    // A refused cover changed nothing, not even a name sent with it.
    const both = await as(user, 'PATCH', `/api/albums/${box.id}`, { name: 'Renamed', coverImageId: outside });
    expect(both.statusCode).toBe(422);
    expect((await as(user, 'GET', '/api/albums')).json().items[0]).toMatchObject({ name: 'Box', coverImageId: a });
    await as(user, 'DELETE', `/api/albums/${box.id}/images/${a}`);
    expect((await as(user, 'GET', '/api/albums')).json().items[0]).toMatchObject({
      coverImageId: null,
      coverThumbnailUrl: `/api/files/images/${b}/thumbnail`,
    });
    expect((await as(user, 'PATCH', `/api/albums/${box.id}`, { coverImageId: b })).json().coverImageId).toBe(b);
    expect((await as(user, 'PATCH', `/api/albums/${box.id}`, { coverImageId: null })).json().coverImageId).toBeNull();
  });

  it("answers 404 for another user's album or image, and changes nothing of theirs", async () => {
    const owner = await givenVerifiedUser(t);
    const intruder = await givenVerifiedUser(t);
    const theirs = await givenGeneration(owner, { prompt: 'private', at: '2026-09-01T00:00:00Z' });
    const mine = await givenGeneration(intruder, { prompt: 'mine', at: '2026-09-01T00:00:00Z' });
    const theirAlbum = await album(owner, 'Private');
    await as(owner, 'PUT', `/api/albums/${theirAlbum.id}/images/${theirs.images[0]}`);
    const myAlbum = await album(intruder, 'Mine');
    const attempts: [Parameters<typeof as>[1], string, object?][] = [
      ['PUT', `/api/images/${theirs.images[0]}/favourite`],
      ['DELETE', `/api/images/${theirs.images[0]}/favourite`],
      ['PATCH', `/api/albums/${theirAlbum.id}`, { name: 'pwned' }],
      ['DELETE', `/api/albums/${theirAlbum.id}`],
      ['PUT', `/api/albums/${theirAlbum.id}/images/${mine.images[0]}`],
      ['DELETE', `/api/albums/${theirAlbum.id}/images/${theirs.images[0]}`],
      ['PUT', `/api/albums/${myAlbum.id}/images/${theirs.images[0]}`],
      ['DELETE', `/api/albums/${myAlbum.id}/images/${theirs.images[0]}`],
      ['GET', `/api/generations?album=${theirAlbum.id}`],
    ];
    for (const [method, url, body] of attempts) {
      const res = await as(intruder, method, url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.json().error.code).toBe('not_found');
    }
    expect((await as(intruder, 'PATCH', `/api/albums/${myAlbum.id}`, { coverImageId: theirs.images[0] })).statusCode).toBe(422);
    expect((await as(intruder, 'GET', '/api/albums')).json().items.map((a: { id: string }) => a.id)).toEqual([myAlbum.id]);
    expect((await as(owner, 'GET', '/api/albums')).json().items[0]).toMatchObject({ name: 'Private', imageCount: 1 });
    expect(
      await countOf(
        t.deps.db,
        sql`select count(*)::int as n from generation_images where id = ${theirs.images[0]} and favourited_at is not null`,
      ),
    ).toBe(0);
    expect((await gallery(intruder, 'q=private')).ids).toEqual([]);
  });

  it('leaves trashed generations and images in review out of albums and filters', async () => {
    const user = await givenVerifiedUser(t);
    const g = await givenGeneration(user, { prompt: 'soon trashed', at: '2026-10-01T00:00:00Z' });
    const held = await givenGeneration(user, { prompt: 'held back', at: '2026-10-02T00:00:00Z' });
    const box = await album(user, 'Box');
    await as(user, 'PUT', `/api/albums/${box.id}/images/${g.images[0]}`);
    await as(user, 'PUT', `/api/images/${g.images[0]}/favourite`);
    await t.deps.db.execute(sql`update generation_images set moderation = 'held' where id = ${held.images[0]}`);
    expect((await as(user, 'PUT', `/api/images/${held.images[0]}/favourite`)).statusCode).toBe(404);
    expect((await as(user, 'PUT', `/api/albums/${box.id}/images/${held.images[0]}`)).statusCode).toBe(404);
    expect((await as(user, 'DELETE', `/api/generations/${g.id}`)).statusCode).toBe(204);
    expect((await gallery(user, 'favourite=1')).ids).toEqual([]);
    expect((await gallery(user, `album=${box.id}`)).ids).toEqual([]);
    expect((await as(user, 'GET', '/api/albums')).json().items[0]).toMatchObject({ imageCount: 0, coverThumbnailUrl: null });
  });

  it('finds rare matches in a large gallery by the same order and cursor, near the top and far down', async () => {
    // More generations than a narrowed page walks before it starts from the matches instead.
    const user = await givenVerifiedUser(t);
    await t.deps.db.execute(sql`
      with g as (
        insert into generations (id, user_id, status, prompt, model_id, provider, provider_model, aspect_ratio, count, cost,
                                 deadline_at, created_at)
        select gen_random_uuid()::text, ${user.id}, 'succeeded',
               case when i in (3, 1500, 2400) then 'a lone lighthouse ' || i else 'crowded harbour ' || i end,
               ${models[0]}, 'simulator', 'sim', '1:1', 1, 1, now(), timestamptz '2026-03-01' - i * interval '1 minute'
        from generate_series(1, 2500) i returning id, user_id, created_at, prompt)
      insert into generation_images (id, generation_id, user_id, position, original_key, thumbnail_key, content_type, width, height,
                                     bytes, favourited_at, created_at)
      select gen_random_uuid()::text, id, user_id, 0, id, id, 'image/png', 8, 8, 1,
             case when prompt like '%lighthouse%' then created_at end, created_at from g`);
    const prompts = async (query: string, limit = 2) => {
      const ids = await allPages(user, query, limit);
      const { id, prompt } = tables.generations;
      const rows = ids.length === 0 ? [] : await t.deps.db.select({ id, prompt }).from(tables.generations).where(inArray(id, ids));
      const byId = new Map(rows.map((r) => [r.id, r.prompt]));
      return ids.map((id) => byId.get(id));
    };
    const lonely = ['a lone lighthouse 3', 'a lone lighthouse 1500', 'a lone lighthouse 2400'];
    expect(await prompts('q=lighthouse')).toEqual(lonely);
    expect(await prompts('favourite=1')).toEqual(lonely);
    expect(await prompts(`q=${encodeURIComponent('"lone lighthouse" -harbour')}`)).toEqual(lonely);
    expect(await prompts('q=harbour', 100)).toHaveLength(2497);
  }, 60_000);
});
