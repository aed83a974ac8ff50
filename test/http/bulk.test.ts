import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, inArray } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Generation } from '../../src/contracts/api.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { balanceOf, submit, waitForTerminal } from '../helpers/generations.js';
import { ledgerOf } from '../helpers/ledger.js';
import { rowsOf, tables } from '../helpers/tables.js';
import { givenVerifiedUser, type TestUser } from '../helpers/users.js';

/** Bulk actions and the ZIP download: all or nothing, owner only, each image as its single download. */
describe('bulk actions and the ZIP download', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ env: { TRASH_DAYS: '7' } });
  });
  afterAll(() => t.close());

  const as = (user: TestUser, method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({ method, url, payload, headers: { cookie: user.cookie, origin: t.origin } });
  const bulk = (user: TestUser, payload: object) => as(user, 'POST', '/api/generations/bulk', payload);
  const download = (user: TestUser, ids: string[]) => as(user, 'POST', '/api/generations/download', { ids });
  const trashOf = async (user: TestUser) =>
    ((await as(user, 'GET', '/api/generations/trash')).json().items as Generation[]).map((g) => g.id).sort();
  const finished = async (user: TestUser, prompt: string, count = 1) => {
    const g = await waitForTerminal(t, user, (await submit(t, user, { prompt, count })).json().id);
    expect(g.status).toBe('succeeded');
    return g;
  };
  /** The archive's entries, name → bytes, after unzip has tested it. */
  const unzipped = (zip: Buffer) => {
    // An empty archive is its end record alone (unzip -t calls that an error).
    if (zip.length === 22 && zip.readUInt32LE(0) === 0x06054b50) return new Map<string, Buffer>();
    const dir = mkdtempSync(join(tmpdir(), 'bulk-zip-'));
    writeFileSync(join(dir, 'a.zip'), zip);
    expect(execFileSync('unzip', ['-t', join(dir, 'a.zip')], { encoding: 'utf8' })).toContain('No errors detected');
    execFileSync('unzip', ['-q', join(dir, 'a.zip'), '-d', join(dir, 'x')]);
    return new Map(readdirSync(join(dir, 'x')).map((name) => [name, readFileSync(join(dir, 'x', name))]));
  };

  it('bulk delete moves every named generation to the trash at once; the balance and ledger stay as they were', async () => {
    const user = await givenVerifiedUser(t, { credits: 20 });
    const a = await finished(user, 'bulk one');
    const b = await finished(user, 'bulk two', 2);
    const kept = await finished(user, 'not named');
    const balance = await balanceOf(t, user);
    const ledger = await ledgerOf(t, user.id);

    const res = await bulk(user, { action: 'delete', ids: [a.id, b.id] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ affected: 2 });

    expect(await trashOf(user)).toEqual([a.id, b.id].sort());
    expect((await as(user, 'GET', `/api/generations/${kept.id}`)).statusCode).toBe(200);
    expect((await as(user, 'GET', `/api/generations/${a.id}`)).statusCode).toBe(404);
    expect(await balanceOf(t, user)).toBe(balance);
    expect(await ledgerOf(t, user.id)).toEqual(ledger);
    // Restorable one by one, as after a single delete.
    expect((await as(user, 'POST', `/api/generations/${a.id}/restore`)).statusCode).toBe(200);
    // Already in the trash: naming it again refuses the whole request.
    expect((await bulk(user, { action: 'delete', ids: [a.id, b.id] })).json().error.code).toBe('not_found');
    expect((await as(user, 'GET', `/api/generations/${a.id}`)).statusCode).toBe(200);
  });

  it("refuses the whole request (404, nothing moved) when one id is someone else's or unknown", async () => {
    const owner = await givenVerifiedUser(t);
    const other = await givenVerifiedUser(t);
    const mine = await finished(owner, 'mine');
    const theirs = await finished(other, 'theirs');

    for (const ids of [[mine.id, theirs.id], [mine.id, crypto.randomUUID()], [theirs.id]]) {
      const res = await bulk(owner, { action: 'delete', ids });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('not_found');
    }
    expect(await trashOf(owner)).toEqual([]);
    expect(await trashOf(other)).toEqual([]);
    expect(await rowsOf(t.deps.db, tables.generations, inArray(tables.generations.id, [mine.id, theirs.id]))).toMatchObject([
      { deletedAt: null },
      { deletedAt: null },
    ]);
  });

  it('refuses the whole request (409, nothing moved) when one generation is still in progress', async () => {
    const user = await givenVerifiedUser(t);
    const done = await finished(user, 'done');
    const busy = await finished(user, 'pretend it still runs');
    await t.deps.db.update(tables.generations).set({ status: 'running' }).where(eq(tables.generations.id, busy.id));
    const res = await bulk(user, { action: 'delete', ids: [done.id, busy.id] });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('conflict');
    expect(await trashOf(user)).toEqual([]);
  });

  it('refuses bad bodies with 422 and a stable code: no ids, over 500, repeats, malformed ids, unknown actions or fields', async () => {
    const user = await givenVerifiedUser(t);
    const id = crypto.randomUUID();
    const many = Array.from({ length: 501 }, () => crypto.randomUUID());
    for (const body of [
      { action: 'delete', ids: [] },
      { action: 'delete', ids: many },
      { action: 'delete', ids: [id, id] },
      { action: 'delete', ids: ['not-a-uuid'] },
      { action: 'delete' },
      { action: 'explode', ids: [id] },
      { action: 'delete', ids: [id], extra: true },
      { ids: [id] },
    ]) {
      const res = await bulk(user, body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(422);
      expect(res.json().error.code).toBe('invalid_input');
    }
    for (const body of [{ ids: [] }, { ids: many }, { ids: [id, id] }, { ids: ['x'] }, {}]) {
      const res = await as(user, 'POST', '/api/generations/download', body);
      expect(res.statusCode).toBe(422);
      expect(res.json().error.code).toBe('invalid_input');
    }
    // 500 is the limit, not over it: unknown ids are then a 404.
    expect((await bulk(user, { action: 'delete', ids: many.slice(0, 500) })).statusCode).toBe(404);
  });

  it('favourites and unfavourites every image of the named generations; the favourites filter then finds exactly them', async () => {
    const user = await givenVerifiedUser(t, { credits: 20 });
    const a = await finished(user, 'heart one');
    const b = await finished(user, 'heart two', 2);
    const other = await finished(user, 'not hearted');
    const favourites = async () =>
      ((await as(user, 'GET', '/api/generations?favourite=1')).json().items as Generation[])
        .flatMap((g) => g.images.map((i) => i.id))
        .sort();

    expect((await bulk(user, { action: 'favourite', ids: [a.id, b.id] })).json()).toEqual({ affected: 2 });
    expect(await favourites()).toEqual([...a.images, ...b.images].map((i) => i.id).sort());
    // Again: nothing changes, and a favourite keeps its first time.
    expect((await bulk(user, { action: 'favourite', ids: [a.id] })).statusCode).toBe(200);
    expect(await favourites()).toHaveLength(3);

    expect((await bulk(user, { action: 'unfavourite', ids: [b.id, other.id] })).json()).toEqual({ affected: 2 });
    expect(await favourites()).toEqual(a.images.map((i) => i.id));
  });

  it("adds every image of the named generations to the user's album, all or nothing", async () => {
    const user = await givenVerifiedUser(t, { credits: 20 });
    const stranger = await givenVerifiedUser(t, { credits: 20 });
    const a = await finished(user, 'album one');
    const b = await finished(user, 'album two', 2);
    const theirs = await finished(stranger, 'their album');
    const album = (await as(user, 'POST', '/api/albums', { name: 'Picks' })).json().id as string;
    const strangerAlbum = (await as(stranger, 'POST', '/api/albums', { name: 'Mine' })).json().id as string;
    const inAlbum = async () =>
      ((await as(user, 'GET', `/api/generations?album=${album}`)).json().items as Generation[])
        .flatMap((g) => g.images.map((i) => i.id))
        .sort();

    // One generation not the user's, or an album not theirs: 404, nothing added.
    expect((await bulk(user, { action: 'add-to-album', ids: [a.id, theirs.id], albumId: album })).statusCode).toBe(404);
    expect((await bulk(user, { action: 'add-to-album', ids: [a.id], albumId: strangerAlbum })).statusCode).toBe(404);
    expect(await inAlbum()).toEqual([]);
    expect((await bulk(user, { action: 'add-to-album', ids: [a.id], albumId: 'not-a-uuid' })).statusCode).toBe(422);

    expect((await bulk(user, { action: 'add-to-album', ids: [a.id, b.id], albumId: album })).json()).toEqual({ affected: 2 });
    expect(await inAlbum()).toEqual([...a.images, ...b.images].map((i) => i.id).sort());
    // Already there: left as is.
    expect((await bulk(user, { action: 'add-to-album', ids: [a.id], albumId: album })).statusCode).toBe(200);
    expect((await as(user, 'GET', '/api/albums')).json().items.map((x: { imageCount: number }) => x.imageCount)).toEqual([3]);
  });

  it('downloads a ZIP of exactly the images, each the same bytes and name as its single download, with the settings inside', async () => {
    const user = await givenVerifiedUser(t, { credits: 20 });
    const a = await finished(user, '桜の下の少女, bulk zip');
    const b = await finished(user, 'two of them', 2);
    await finished(user, 'not in the zip');

    const res = await download(user, [a.id, b.id]);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="animegen-\d{4}-\d{2}-\d{2}\.zip"$/);
    expect(res.headers['cache-control']).toBe('no-store');
    const entries = unzipped(res.rawPayload);

    const images = [...a.images, ...b.images];
    expect(entries.size).toBe(3);
    for (const image of images) {
      const single = await as(user, 'GET', image.downloadUrl);
      const name = /filename="([^"]+)"/.exec(String(single.headers['content-disposition']))![1]!;
      expect(entries.get(name)?.equals(single.rawPayload), name).toBe(true);
    }
    const [first] = [...entries.values()];
    const comments = Object.fromEntries(((await sharp(first).metadata()).comments ?? []).map((c) => [c.keyword, c.text]));
    expect(comments.parameters).toContain('Model: Nano Banana');
    expect(JSON.parse(comments.animegen!)).toMatchObject({ generator: 'AnimeGen', model: 'nano-banana' });
  });

  it('leaves held and removed images out; a generation with none left gives an empty archive', async () => {
    const user = await givenVerifiedUser(t, { credits: 20 });
    const g = await finished(user, 'three, one held, one removed', 3);
    const [clear, held, removed] = g.images;
    const setModeration = (id: string, moderation: 'held' | 'removed') =>
      t.deps.db.update(tables.generationImages).set({ moderation }).where(eq(tables.generationImages.id, id));
    await setModeration(held!.id, 'held');
    await setModeration(removed!.id, 'removed');

    const entries = unzipped((await download(user, [g.id])).rawPayload);
    const single = await as(user, 'GET', clear!.downloadUrl);
    expect([...entries.keys()]).toEqual([/filename="([^"]+)"/.exec(String(single.headers['content-disposition']))![1]]);
    expect((await as(user, 'GET', held!.downloadUrl)).statusCode).toBe(404);

    await setModeration(clear!.id, 'held');
    const empty = await download(user, [g.id]);
    expect(empty.statusCode).toBe(200);
    expect(unzipped(empty.rawPayload).size).toBe(0);
  });

  it('puts mature images in only while the account is opted in, and the stored file alone when settings are turned off', async () => {
    const user = await givenVerifiedUser(t);
    const g = await finished(user, 'one mature, one clear', 2);
    const [clear, mature] = g.images;
    await t.deps.db.update(tables.generationImages).set({ moderation: 'mature' }).where(eq(tables.generationImages.id, mature!.id));
    const names = async () => [...unzipped((await download(user, [g.id])).rawPayload).keys()];
    expect(await names()).toEqual([`animegen-${g.id.slice(0, 8)}-1.png`]);

    const patch = (payload: object, url = '/api/me') =>
      t.app.inject({ method: 'PATCH', url, headers: { cookie: user.cookie, origin: t.origin }, payload });
    expect((await patch({ mature: true, confirmAdult: true }, '/api/me/content')).statusCode).toBe(200);
    expect(await names()).toEqual([`animegen-${g.id.slice(0, 8)}-1.png`, `animegen-${g.id.slice(0, 8)}-2.png`]);
    expect((await patch({ mature: false }, '/api/me/content')).statusCode).toBe(200);

    expect((await patch({ embedSettings: false })).statusCode).toBe(200);
    const [entry] = [...unzipped((await download(user, [g.id])).rawPayload).values()];
    const original = await as(user, 'GET', clear!.url);
    expect(entry!.equals(original.rawPayload)).toBe(true);
  });

  it("answers 404 before any byte for someone else's, unknown or trashed generations", async () => {
    const owner = await givenVerifiedUser(t);
    const other = await givenVerifiedUser(t);
    const mine = await finished(owner, 'mine to zip');
    const theirs = await finished(other, 'theirs to zip');
    for (const ids of [[theirs.id], [mine.id, theirs.id], [mine.id, crypto.randomUUID()]]) {
      const res = await download(owner, ids);
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.json().error.code).toBe('not_found');
    }
    expect((await bulk(owner, { action: 'delete', ids: [mine.id] })).statusCode).toBe(200);
    expect((await download(owner, [mine.id])).statusCode).toBe(404);
    // Signed out: 401, as every user route.
    expect((await t.app.inject({ method: 'POST', url: '/api/generations/download', payload: { ids: [mine.id] } })).statusCode).toBe(401);
  });
});

describe('bulk delete with the trash turned off', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ env: { TRASH_DAYS: '0' } });
  });
  afterAll(() => t.close());

  it('removes the rows and files of every named generation at once, nothing refunded', async () => {
    const user = await givenVerifiedUser(t, { credits: 20 });
    const gens: Generation[] = [];
    for (const prompt of ['gone one', 'gone two']) gens.push(await waitForTerminal(t, user, (await submit(t, user, { prompt })).json().id));
    const keys = gens.flatMap((g) => g.images).length;
    expect(keys).toBe(2);
    const files = (
      await rowsOf(
        t.deps.db,
        tables.generationImages,
        inArray(
          tables.generationImages.generationId,
          gens.map((g) => g.id),
        ),
      )
    ).flatMap((i) => [i.originalKey, i.thumbnailKey]);
    const ledger = await ledgerOf(t, user.id);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/generations/bulk',
      headers: { cookie: user.cookie, origin: t.origin },
      payload: { action: 'delete', ids: gens.map((g) => g.id) },
    });
    expect(res.json()).toEqual({ affected: 2 });
    expect(
      await rowsOf(
        t.deps.db,
        tables.generations,
        inArray(
          tables.generations.id,
          gens.map((g) => g.id),
        ),
      ),
    ).toEqual([]);
    for (const key of files) expect(await t.deps.generation.storage.exists(key), key).toBe(false);
    expect(await ledgerOf(t, user.id)).toEqual(ledger);
  });
});
