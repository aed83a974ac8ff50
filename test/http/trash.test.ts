import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Generation } from '../../src/contracts/api.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { submit, waitForTerminal } from '../helpers/generations.js';
import { ledgerOf } from '../helpers/ledger.js';
import { rowsOf, tables } from '../helpers/tables.js';
import { givenVerifiedUser, type TestUser } from '../helpers/users.js';

/** "Delete forever" and "Empty trash": for good, files included, at once; nothing refunded. */
describe('the trash: delete forever and empty', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ env: { TRASH_DAYS: '7' } });
  });
  afterAll(() => t.close());

  const as = (user: TestUser, method: 'GET' | 'POST' | 'DELETE', url: string) =>
    t.app.inject({ method, url, headers: { cookie: user.cookie, origin: t.origin } });
  const trashOf = async (user: TestUser) =>
    ((await as(user, 'GET', '/api/generations/trash')).json().items as Generation[]).map((g) => g.id);
  const existing = async (keys: string[]) => {
    const found: string[] = [];
    for (const k of keys) if (await t.deps.generation.storage.exists(k)) found.push(k);
    return found;
  };
  /** Every stored file of these generations (originals, thumbnails and the previews made so far). */
  const filesOf = async (ids: string[]) =>
    existing(
      (await rowsOf(t.deps.db, tables.generationImages, inArray(tables.generationImages.generationId, ids))).flatMap((i) => [
        i.originalKey,
        i.thumbnailKey,
        ...(i.previewKey ? [i.previewKey] : []),
      ]),
    );
  /** A finished generation, viewed once (so it has a preview too), then deleted into the trash. */
  const givenTrashed = async (user: TestUser, prompt: string) => {
    const g = await waitForTerminal(t, user, (await submit(t, user, { prompt, count: 2 })).json().id);
    expect(g.status).toBe('succeeded');
    expect((await as(user, 'GET', g.images[0]!.previewUrl)).statusCode).toBe(200);
    expect((await as(user, 'DELETE', `/api/generations/${g.id}`)).statusCode).toBe(204);
    return g.id;
  };

  it('deletes one trashed generation for good: rows and files gone at once, nothing refunded, the rest untouched', async () => {
    const user = await givenVerifiedUser(t, { credits: 20 });
    const gone = await givenTrashed(user, 'forget me');
    const kept = await givenTrashed(user, 'keep me in the trash');
    const goneFiles = await filesOf([gone]);
    const keptFiles = await filesOf([kept]);
    expect(goneFiles.length).toBeGreaterThanOrEqual(5);
    expect(await existing(goneFiles)).toEqual(goneFiles);
    const ledger = await ledgerOf(t, user.id);

    expect((await as(user, 'DELETE', `/api/generations/trash/${gone}`)).statusCode).toBe(204);

    expect(await existing(goneFiles)).toEqual([]);
    expect(await rowsOf(t.deps.db, tables.generations, eq(tables.generations.id, gone))).toEqual([]);
    expect(await trashOf(user)).toEqual([kept]);
    expect(await existing(keptFiles)).toEqual(keptFiles);
    expect(await ledgerOf(t, user.id)).toEqual(ledger);
    // Gone for good: it cannot be restored or deleted again.
    expect((await as(user, 'POST', `/api/generations/${gone}/restore`)).statusCode).toBe(404);
    expect((await as(user, 'DELETE', `/api/generations/trash/${gone}`)).statusCode).toBe(404);
  });

  it("refuses someone else's trash, a generation not in the trash and a malformed id", async () => {
    const owner = await givenVerifiedUser(t, { credits: 20 });
    const other = await givenVerifiedUser(t);
    const trashed = await givenTrashed(owner, 'not yours');
    const live = await waitForTerminal(t, owner, (await submit(t, owner, { prompt: 'in the gallery' })).json().id);

    expect((await as(other, 'DELETE', `/api/generations/trash/${trashed}`)).statusCode).toBe(404);
    // Only the trash can be deleted for good: a generation in the gallery is not in it.
    expect((await as(owner, 'DELETE', `/api/generations/trash/${live.id}`)).statusCode).toBe(404);
    expect((await as(owner, 'DELETE', '/api/generations/trash/not-a-uuid')).statusCode).toBe(422);
    expect((await as(other, 'DELETE', '/api/generations/trash')).json()).toEqual({ deleted: 0 });

    expect(await trashOf(owner)).toEqual([trashed]);
    expect((await as(owner, 'GET', `/api/generations/${live.id}`)).statusCode).toBe(200);
  });

  it("empties the user's trash for good, files included, and leaves the gallery and other users' trash alone", async () => {
    const user = await givenVerifiedUser(t, { credits: 20 });
    const neighbour = await givenVerifiedUser(t, { credits: 20 });
    const trashed = [await givenTrashed(user, 'first'), await givenTrashed(user, 'second')];
    const theirs = await givenTrashed(neighbour, 'theirs');
    const live = await waitForTerminal(t, user, (await submit(t, user, { prompt: 'stays' })).json().id);
    const trashedFiles = await filesOf(trashed);
    const otherFiles = await filesOf([theirs, live.id]);
    const ledger = await ledgerOf(t, user.id);

    const res = await as(user, 'DELETE', '/api/generations/trash');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ deleted: 2 });

    expect(await existing(trashedFiles)).toEqual([]);
    expect(await rowsOf(t.deps.db, tables.generations, inArray(tables.generations.id, trashed))).toEqual([]);
    expect(await trashOf(user)).toEqual([]);
    expect(await ledgerOf(t, user.id)).toEqual(ledger);
    expect(await trashOf(neighbour)).toEqual([theirs]);
    expect(await existing(otherFiles)).toEqual(otherFiles);
    expect((await as(user, 'GET', `/api/generations/${live.id}`)).statusCode).toBe(200);
    expect((await as(user, 'DELETE', '/api/generations/trash')).json()).toEqual({ deleted: 0 });
  });

  it('ledger rows name their generation while it can be opened, not once it is in the trash or gone', async () => {
    const user = await givenVerifiedUser(t, { credits: 20 });
    const kept = await waitForTerminal(t, user, (await submit(t, user, { prompt: 'kept' })).json().id);
    const failed = await waitForTerminal(t, user, (await submit(t, user, { prompt: 'refunded [sim:fail]' })).json().id);
    expect(failed.status).toBe('failed');
    const trashed = await givenTrashed(user, 'trashed');
    const entries = async () =>
      ((await as(user, 'GET', '/api/credits')).json().entries as { kind: string; reference: string; generationId: string | null }[])
        .filter((e) => e.kind !== 'admin_adjustment' && e.kind !== 'signup_grant')
        .map((e) => [e.kind, e.reference, e.generationId]);

    expect(await entries()).toEqual([
      ['generation_debit', trashed, null],
      ['generation_refund', failed.id, failed.id],
      ['generation_debit', failed.id, failed.id],
      ['generation_debit', kept.id, kept.id],
    ]);
    expect((await as(user, 'DELETE', `/api/generations/trash/${trashed}`)).statusCode).toBe(204);
    expect((await as(user, 'DELETE', `/api/generations/${failed.id}`)).statusCode).toBe(204);
    expect(await entries()).toEqual([
      ['generation_debit', trashed, null],
      ['generation_refund', failed.id, null],
      ['generation_debit', failed.id, null],
      ['generation_debit', kept.id, kept.id],
    ]);
  });
});
