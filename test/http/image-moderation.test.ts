import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as generationModule from '../../src/generation/index.js';
import { fakeImageModerator, fakeKnownImages } from '../fakes/image-moderator.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { balanceOf, makeImage, submit, upload, waitForTerminal } from '../helpers/generations.js';
import { refundsFor } from '../helpers/ledger.js';
import { rowOf, rowsOf, tables } from '../helpers/tables.js';
import { givenOperator, givenVerifiedUser, type TestUser } from '../helpers/users.js';

/**
 * Image checks (reliability rows T5, T6, T7, T10): every result and every
 * reference upload is classified before anyone sees it. A held image is never
 * listed, previewed, downloaded or exported; the check failing holds it (fail
 * closed); an explicit result the account may not see is refunded once; an
 * operator's release or removal is audited in the same transaction, and a
 * removal deletes the files for everyone and keeps the evidence hash.
 */
describe('image checks', () => {
  let t: TestApp;
  const moderator = fakeImageModerator();
  const known = fakeKnownImages();
  beforeAll(async () => {
    t = await buildTestApp({ imageModerator: moderator, knownImages: known });
  });
  afterAll(() => t.close());
  beforeEach(() => {
    moderator.mode = 'clear';
  });

  const as = (user: TestUser, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: { cookie: user.cookie, origin: t.origin }, ...(payload ? { payload } : {}) });
  const casesOf = (user: TestUser) => rowsOf(t.deps.db, tables.moderationCases, eq(tables.moderationCases.userId, user.id));
  const imagesOf = (generationId: string) =>
    rowsOf(t.deps.db, tables.generationImages, eq(tables.generationImages.generationId, generationId));
  const optIn = (user: TestUser) => as(user, 'PATCH', '/api/me/content', { mature: true, confirmAdult: true });
  const exported = (user: TestUser, mature: boolean) => generationModule.exportUserData(t.deps.db, user.id, { mature });

  async function generate(user: TestUser, body: Record<string, unknown> = {}) {
    const res = await submit(t, user, { prompt: 'a girl in a garden', ...body });
    expect(res.statusCode, res.body).toBe(202);
    return waitForTerminal(t, user, res.json().id);
  }

  /** Every way an image reaches its owner: the gallery, the generation, the three file variants, a download. */
  async function servedImageIds(user: TestUser, generationId: string, imageId: string) {
    const gallery = (await as(user, 'GET', '/api/generations?limit=50')).json().items.find((g: { id: string }) => g.id === generationId);
    const view = (await as(user, 'GET', `/api/generations/${generationId}`)).json();
    const files = await Promise.all(
      ['original', 'preview', 'thumbnail', 'original?download=1'].map(
        async (v) => (await as(user, 'GET', `/api/files/images/${imageId}/${v}`)).statusCode,
      ),
    );
    return { gallery, view, files };
  }

  it('T5: a flagged result for an account without the opt-in is held: never listed or served (404), refunded once, queued', async () => {
    const user = await givenVerifiedUser(t);
    moderator.mode = 'explicit';
    const before = await balanceOf(t, user);
    const g = await generate(user);
    expect(g.status).toBe('succeeded');
    const [image] = await imagesOf(g.id);
    expect(image).toMatchObject({ moderation: 'held', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const served = await servedImageIds(user, g.id, image!.id);
    expect(served.gallery).toMatchObject({ images: [], inReview: 1, imageUrl: null, thumbnailUrl: null });
    expect(served.view).toMatchObject({ images: [], inReview: 1, refunded: g.cost });
    expect(JSON.stringify(served.view)).not.toContain(image!.id);
    expect(served.files).toEqual([404, 404, 404, 404]);
    expect((await exported(user, false)).images).toEqual([]);
    // The cost came back exactly once, in the ledger.
    expect(await balanceOf(t, user)).toBe(before);
    expect(await refundsFor(t, g.id)).toBe(1);
    const [queued] = await casesOf(user);
    expect(queued).toMatchObject({
      kind: 'image',
      category: 'explicit_image',
      status: 'open',
      imageId: image!.id,
      generationId: g.id,
      evidenceSha256: image!.sha256,
    });
  });

  it('T5: with the check down, the result is held as in review (fail closed), not refunded, and queued', async () => {
    const user = await givenVerifiedUser(t);
    moderator.mode = 'down';
    const g = await generate(user);
    const [image] = await imagesOf(g.id);
    expect(image?.moderation).toBe('held');
    const served = await servedImageIds(user, g.id, image!.id);
    expect(served.view).toMatchObject({ images: [], inReview: 1, refunded: 0 });
    expect(served.files).toEqual([404, 404, 404, 404]);
    expect(await casesOf(user)).toMatchObject([{ kind: 'image', category: 'unchecked_image', status: 'open' }]);
    // No provider address in anything the user can read.
    expect(JSON.stringify(served)).not.toMatch(/https?:\/\/(?!localhost)/);
  });

  it('T7: an opted-in account sees its explicit result (marked mature); opting out hides it everywhere again', async () => {
    const user = await givenVerifiedUser(t);
    await optIn(user);
    await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: user.cookie } });
    moderator.mode = 'explicit';
    const g = await generate(user);
    const [image] = await imagesOf(g.id);
    expect(image?.moderation).toBe('mature');
    const seen = await servedImageIds(user, g.id, image!.id);
    expect(seen.view.images).toMatchObject([{ id: image!.id, mature: true }]);
    expect(seen.files).toEqual([200, 200, 200, 200]);
    expect(await casesOf(user)).toEqual([]);
    expect((await exported(user, true)).images).toHaveLength(1);

    await as(user, 'PATCH', '/api/me/content', { mature: false });
    const hidden = await servedImageIds(user, g.id, image!.id);
    expect(hidden.gallery.images).toEqual([]);
    expect(hidden.view.images).toEqual([]);
    expect(hidden.files).toEqual([404, 404, 404, 404]);
    expect((await exported(user, false)).images).toEqual([]);
  });

  it('T6: a photographic upload with a sexual prompt is refused for any account, before anything is charged or sent', async () => {
    const user = await givenVerifiedUser(t);
    await optIn(user);
    moderator.mode = 'photo';
    const res = await upload(t, user, await makeImage('png'));
    expect(res.statusCode, res.body).toBe(201);
    const ref = res.json();
    const before = await balanceOf(t, user);
    const generationsBefore = await rowsOf(t.deps.db, tables.generations, eq(tables.generations.userId, user.id));
    const refused = await submit(t, user, { prompt: 'adult woman, nude', model: 'nano-banana-2', referenceUploadIds: [ref.id] });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({ code: 'content_policy', category: 'photo_sexual' });
    expect(await balanceOf(t, user)).toBe(before);
    expect(await rowsOf(t.deps.db, tables.generations, eq(tables.generations.userId, user.id))).toEqual(generationsBefore);
    // The same photo with a harmless prompt is fine.
    moderator.mode = 'clear';
    expect((await submit(t, user, { prompt: 'a park bench', model: 'nano-banana-2', referenceUploadIds: [ref.id] })).statusCode).toBe(202);
  });

  it('T6: an explicit upload is refused without the opt-in; a known image always; a check that is down keeps nothing', async () => {
    const user = await givenVerifiedUser(t);
    const png = await makeImage('png', 80, 60);
    moderator.mode = 'explicit';
    const explicit = await upload(t, user, png);
    expect(explicit.statusCode).toBe(422);
    expect(explicit.json().error).toMatchObject({ code: 'content_policy', category: 'explicit_upload' });
    moderator.mode = 'down';
    expect((await upload(t, user, png)).json().error).toMatchObject({ code: 'moderation_unavailable' });
    moderator.mode = 'clear';
    const listed = await makeImage('png', 90, 70);
    known.add(listed);
    expect((await upload(t, user, listed)).json().error).toMatchObject({ code: 'content_policy', category: 'known_image' });
    expect(await rowsOf(t.deps.db, tables.uploads, eq(tables.uploads.userId, user.id))).toEqual([]);
  });

  it('T10: a report reaches the queue; remove deletes the files for everyone, keeps the evidence hash and writes the audit row', async () => {
    const user = await givenVerifiedUser(t);
    const operator = await givenOperator(t, { role: 'moderator' });
    const g = await generate(user);
    const [image] = await imagesOf(g.id);
    expect(image?.moderation).toBe('clear');
    expect((await as(user, 'POST', `/api/images/${image!.id}/report`, { reason: 'this should not exist' })).statusCode).toBe(204);
    const [report] = await casesOf(user);
    expect(report).toMatchObject({ kind: 'report', category: 'reported', note: 'this should not exist', evidenceSha256: image!.sha256 });
    const queue = (await as(operator, 'GET', '/api/admin/moderation?status=open')).json().cases;
    expect(queue.find((c: { id: string }) => c.id === report!.id)).toMatchObject({ imageId: image!.id, kind: 'report' });

    // A reason is required.
    expect((await as(operator, 'POST', `/api/admin/moderation/${report!.id}/remove`, {})).statusCode).toBe(422);
    const removed = await as(operator, 'POST', `/api/admin/moderation/${report!.id}/remove`, { reason: 'confirmed on review' });
    expect(removed.statusCode, removed.body).toBe(204);
    const after = await rowOf(t.deps.db, tables.generationImages, eq(tables.generationImages.id, image!.id));
    expect(after).toMatchObject({ moderation: 'removed', sha256: image!.sha256 });
    expect(await t.deps.generation.storage.get(image!.originalKey)).toBeNull();
    expect(await t.deps.generation.storage.get(image!.thumbnailKey)).toBeNull();
    expect((await servedImageIds(user, g.id, image!.id)).files).toEqual([404, 404, 404, 404]);
    expect(await rowOf(t.deps.db, tables.moderationCases, eq(tables.moderationCases.id, report!.id))).toMatchObject({ status: 'upheld' });
    const audit = await rowsOf(
      t.deps.db,
      tables.auditLog,
      and(eq(tables.auditLog.targetId, report!.id), eq(tables.auditLog.action, 'moderation.remove')),
    );
    expect(audit).toMatchObject([{ actorId: operator.id, actorRole: 'moderator', targetUserId: user.id, reason: 'confirmed on review' }]);
    // Decided once: a second decision is a conflict and writes nothing.
    expect((await as(operator, 'POST', `/api/admin/moderation/${report!.id}/release`, { reason: 'again' })).statusCode).toBe(409);
  });

  it('release shows a held image to its owner, keeps its refund, and is audited; prompt cases can be dismissed the same way', async () => {
    const user = await givenVerifiedUser(t);
    const operator = await givenOperator(t, { role: 'moderator' });
    moderator.mode = 'explicit';
    const g = await generate(user);
    const [image] = await imagesOf(g.id);
    const [held] = await casesOf(user);
    const released = await as(operator, 'POST', `/api/admin/moderation/${held!.id}/release`, { reason: 'a false positive' });
    expect(released.statusCode, released.body).toBe(204);
    const seen = await servedImageIds(user, g.id, image!.id);
    expect(seen.view).toMatchObject({ inReview: 0, refunded: g.cost, images: [{ id: image!.id, mature: false }] });
    expect(seen.files).toEqual([200, 200, 200, 200]);
    expect(await refundsFor(t, g.id)).toBe(1);
    const audit = await rowsOf(t.deps.db, tables.auditLog, eq(tables.auditLog.targetId, held!.id));
    expect(audit).toMatchObject([{ action: 'moderation.release', reason: 'a false positive' }]);

    moderator.mode = 'clear';
    expect((await submit(t, user, { prompt: 'adult woman, nude' })).statusCode).toBe(422);
    const prompt = (await casesOf(user)).find((c) => c.kind === 'prompt');
    expect((await as(operator, 'POST', `/api/admin/moderation/${prompt!.id}/release`, { reason: 'fine in context' })).statusCode).toBe(204);
    expect(await rowOf(t.deps.db, tables.moderationCases, eq(tables.moderationCases.id, prompt!.id))).toMatchObject({
      status: 'dismissed',
    });
  });

  it("shows a moderator an account's images, held ones included, only with a reason, and records the look", async () => {
    const user = await givenVerifiedUser(t);
    const g = await generate(user);
    moderator.mode = 'explicit';
    const held = await generate(user);
    const mod = await givenOperator(t, { role: 'moderator' });
    const look = (payload?: object) => as(mod, 'POST', `/api/admin/users/${user.id}/images`, payload);
    expect((await look()).statusCode).toBe(422);
    const res = await look({ reason: 'report about this account' });
    expect(res.statusCode).toBe(200);
    const images: { generationId: string; moderation: string; thumbnail: string }[] = res.json().images;
    expect(images.map((i) => [i.generationId, i.moderation])).toEqual([
      [held.id, 'held'],
      [g.id, 'clear'],
    ]);
    expect(images.every((i) => i.thumbnail.startsWith('data:image/webp;base64,'))).toBe(true);
    const audit = await rowsOf(t.deps.db, tables.auditLog, eq(tables.auditLog.targetUserId, user.id));
    expect(audit.map((a) => [a.action, a.actorId, a.reason])).toEqual([['user.images_view', mod.id, 'report about this account']]);
    const support = await givenOperator(t, { role: 'support' });
    expect((await as(support, 'POST', `/api/admin/users/${user.id}/images`, { reason: 'curious' })).statusCode).toBe(403);
  });

  it('a user without the moderation permission cannot decide cases', async () => {
    const user = await givenVerifiedUser(t);
    const support = await givenOperator(t, { role: 'support' });
    moderator.mode = 'explicit';
    await generate(user);
    const [held] = await casesOf(user);
    expect((await as(user, 'POST', `/api/admin/moderation/${held!.id}/remove`, { reason: 'nope' })).statusCode).toBe(403);
    expect((await as(support, 'POST', `/api/admin/moderation/${held!.id}/remove`, { reason: 'nope' })).statusCode).toBe(403);
    expect(await rowOf(t.deps.db, tables.moderationCases, eq(tables.moderationCases.id, held!.id))).toMatchObject({ status: 'open' });
  });
});
