import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Generation } from '../../src/contracts/api.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { submit, waitForTerminal } from '../helpers/generations.js';
import { ledgerOf } from '../helpers/ledger.js';
import { rowsOf, tables } from '../helpers/tables.js';
import { givenVerifiedUser, type TestUser } from '../helpers/users.js';

/** One image of a batch deleted on its own: the others stay, nothing is refunded, its files go at once. */
describe('deleting one image of a batch', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ env: { TRASH_DAYS: '7' } });
  });
  afterAll(() => t.close());

  const as = (user: TestUser, method: 'GET' | 'DELETE', url: string) =>
    t.app.inject({ method, url, headers: { cookie: user.cookie, origin: t.origin } });
  const deleteImage = (user: TestUser, g: Generation, imageId: string) => as(user, 'DELETE', `/api/generations/${g.id}/images/${imageId}`);
  const filesOf = async (imageIds: string[]) =>
    (await rowsOf(t.deps.db, tables.generationImages, inArray(tables.generationImages.id, imageIds))).flatMap((i) => [
      i.originalKey,
      i.thumbnailKey,
    ]);
  const batchOf = async (user: TestUser, count: number) => {
    const g = await waitForTerminal(t, user, (await submit(t, user, { prompt: `a batch of ${count}`, count })).json().id);
    expect(g.images).toHaveLength(count);
    return g;
  };

  it('removes that image and its files, keeps the others and refunds nothing', async () => {
    const user = await givenVerifiedUser(t, { credits: 20 });
    const g = await batchOf(user, 3);
    const [first, doomed, last] = g.images as [Generation['images'][0], Generation['images'][0], Generation['images'][0]];
    const doomedFiles = await filesOf([doomed.id]);
    expect(doomedFiles).toHaveLength(2);
    for (const k of doomedFiles) expect(await t.deps.generation.storage.exists(k)).toBe(true);
    const ledger = await ledgerOf(t, user.id);

    const res = await deleteImage(user, g, doomed.id);
    expect(res.statusCode).toBe(200);
    expect(res.json().generation.images.map((i: { id: string }) => i.id)).toEqual([first.id, last.id]);

    for (const k of doomedFiles) expect(await t.deps.generation.storage.exists(k)).toBe(false);
    expect((await as(user, 'GET', doomed.url)).statusCode).toBe(404);
    for (const image of [first, last]) {
      expect((await as(user, 'GET', image.url)).statusCode).toBe(200);
      expect((await as(user, 'GET', image.thumbnailUrl)).statusCode).toBe(200);
    }
    const after = (await as(user, 'GET', `/api/generations/${g.id}`)).json();
    expect(after).toMatchObject({ status: 'succeeded', refunded: g.refunded, cost: g.cost });
    expect(after.images.map((i: { id: string }) => i.id)).toEqual([first.id, last.id]);
    expect(await ledgerOf(t, user.id)).toEqual(ledger);
    expect((await deleteImage(user, g, doomed.id)).statusCode).toBe(404);
  });

  it('the last image left takes its generation to the trash, like deleting the generation', async () => {
    const user = await givenVerifiedUser(t, { credits: 20 });
    const g = await batchOf(user, 2);
    const ledger = await ledgerOf(t, user.id);
    expect((await deleteImage(user, g, g.images[0]!.id)).json().generation.images).toHaveLength(1);

    const res = await deleteImage(user, g, g.images[1]!.id);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ generation: null });
    expect((await as(user, 'GET', `/api/generations/${g.id}`)).statusCode).toBe(404);
    const trash = (await as(user, 'GET', '/api/generations/trash')).json().items as Generation[];
    expect(trash.map((x) => [x.id, x.images.map((i) => i.id)])).toEqual([[g.id, [g.images[1]!.id]]]);
    expect(await ledgerOf(t, user.id)).toEqual(ledger);
  });

  it("refuses someone else's image, an image of another generation and malformed ids", async () => {
    const owner = await givenVerifiedUser(t, { credits: 20 });
    const other = await givenVerifiedUser(t);
    const g = await batchOf(owner, 2);
    const elsewhere = await batchOf(owner, 2);

    expect((await deleteImage(other, g, g.images[0]!.id)).statusCode).toBe(404);
    expect((await deleteImage(owner, g, elsewhere.images[0]!.id)).statusCode).toBe(404);
    expect((await as(owner, 'DELETE', `/api/generations/${g.id}/images/not-a-uuid`)).statusCode).toBe(422);
    expect((await as(owner, 'DELETE', `/api/generations/nope/images/${g.images[0]!.id}`)).statusCode).toBe(422);
    expect((await as(owner, 'GET', `/api/generations/${g.id}`)).json().images).toHaveLength(2);
    expect((await as(owner, 'GET', `/api/generations/${elsewhere.id}`)).json().images).toHaveLength(2);
  });
});
