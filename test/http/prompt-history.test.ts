import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_HISTORY } from '../../src/contracts/prompts.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { submit } from '../helpers/generations.js';
import { rowsOf, tables } from '../helpers/tables.js';
import { givenVerifiedUser, type TestUser } from '../helpers/users.js';

describe('prompt history (/api/prompts/history)', () => {
  let t: TestApp;
  beforeAll(async () => {
    // No worker: what is recorded depends only on the submit.
    t = await buildTestApp({ worker: false });
  });
  afterAll(() => t?.close());

  const as = (user: TestUser | null, method: 'GET' | 'DELETE', url: string) =>
    t.app.inject({ method, url, headers: user ? { cookie: user.cookie, origin: t.origin } : { origin: t.origin } });
  const history = async (user: TestUser, q?: string) => {
    const res = await as(user, 'GET', `/api/prompts/history${q === undefined ? '' : `?q=${encodeURIComponent(q)}`}`);
    expect(res.statusCode).toBe(200);
    return (res.json().items as { id: string; prompt: string; usedAt: string }[]).map((i) => i.prompt);
  };
  const send = async (user: TestUser, prompt: string, extra: object = {}) => {
    const res = await submit(t, user, { prompt, ...extra });
    expect(res.statusCode, res.body).toBe(202);
  };

  it('records each prompt sent, newest first; sending one again moves it to the top instead of repeating it', async () => {
    const user = await givenVerifiedUser(t);
    await send(user, 'a fox in the snow');
    await send(user, '  silver hair, red eyes  ');
    await send(user, 'a fox in the snow');
    expect(await history(user)).toEqual(['a fox in the snow', 'silver hair, red eyes']);
    expect(await history(await givenVerifiedUser(t))).toEqual([]);
    expect((await as(null, 'GET', '/api/prompts/history')).statusCode).toBe(401);
  });

  it('records nothing when the submit is refused (no credits, or a bad request)', async () => {
    const user = await givenVerifiedUser(t, { credits: 1 });
    expect((await submit(t, user, { prompt: 'too expensive' })).statusCode).toBe(402);
    expect((await submit(t, user, { prompt: 'wrong ratio', aspectRatio: '7:1' })).statusCode).toBe(422);
    expect(await history(user)).toEqual([]);
  });

  it('records a replayed Idempotency-Key request once', async () => {
    const user = await givenVerifiedUser(t);
    const key = randomUUID();
    for (let i = 0; i < 2; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/generations',
        headers: { cookie: user.cookie, origin: t.origin, 'idempotency-key': key },
        payload: { prompt: 'only once', model: 'nano-banana', aspectRatio: '1:1' },
      });
      expect(res.statusCode).toBe(202);
    }
    expect(await history(user)).toEqual(['only once']);
  });

  it(`keeps the ${MAX_HISTORY} newest prompts of an account, dropping the oldest as a new one comes`, async () => {
    const user = await givenVerifiedUser(t, { credits: 1000 });
    const other = await givenVerifiedUser(t);
    await send(other, 'someone else’s prompt');
    // A full history, written directly so the test does not need 200 generations; then real submits.
    const start = Date.now() - 1_000_000;
    await t.deps.db.insert(tables.promptHistory).values(
      Array.from({ length: MAX_HISTORY }, (_, i) => ({
        id: randomUUID(),
        userId: user.id,
        prompt: `old prompt ${i}`,
        usedAt: new Date(start + i * 1000),
      })),
    );
    await send(user, 'old prompt 5'); // already there: moves to the top, nothing dropped
    let prompts = await history(user);
    expect(prompts).toHaveLength(MAX_HISTORY);
    expect(prompts[0]).toBe('old prompt 5');
    expect(prompts.at(-1)).toBe('old prompt 0');

    await send(user, 'brand new one');
    await send(user, 'and another');
    prompts = await history(user);
    expect(prompts).toHaveLength(MAX_HISTORY);
    expect(prompts.slice(0, 3)).toEqual(['and another', 'brand new one', 'old prompt 5']);
    expect(prompts).not.toContain('old prompt 0');
    expect(prompts).not.toContain('old prompt 1');
    expect(prompts.at(-1)).toBe('old prompt 2');
    expect(await rowsOf(t.deps.db, tables.promptHistory, eq(tables.promptHistory.userId, user.id))).toHaveLength(MAX_HISTORY);
    expect(await history(other)).toEqual(['someone else’s prompt']);
  });

  it('stays at the cap when one account sends many prompts at once, old and new alike', async () => {
    const user = await givenVerifiedUser(t, { credits: 1000 });
    const start = Date.now() - 1_000_000;
    await t.deps.db.insert(tables.promptHistory).values(
      Array.from({ length: MAX_HISTORY }, (_, i) => ({
        id: randomUUID(),
        userId: user.id,
        prompt: `full ${i}`,
        usedAt: new Date(start + i * 1000),
      })),
    );
    const prompts = ['full 0', 'full 1', 'full 0', 'new a', 'new b', 'new a', 'full 2', 'new c', 'new c', 'full 199'];
    const answers = await Promise.all(prompts.map((prompt) => submit(t, user, { prompt })));
    expect(answers.map((a) => a.statusCode)).toEqual(prompts.map(() => 202));
    const kept = await history(user);
    expect(kept.length).toBeLessThanOrEqual(MAX_HISTORY);
    expect(new Set(kept).size).toBe(kept.length);
    for (const p of new Set(prompts)) expect(kept.slice(0, 7)).toContain(p);
    // One more, sent alone, trims anything a race left over.
    await send(user, 'alone');
    expect(await history(user)).toHaveLength(MAX_HISTORY);
  });

  it('searches case-insensitively, taking % and _ literally', async () => {
    const user = await givenVerifiedUser(t, { credits: 100 });
    for (const p of ['Cat girl, 100% cute', 'cat_ears headband', 'catears', 'a dog', 'back\\slash']) await send(user, p);
    expect(await history(user, 'CAT')).toEqual(['catears', 'cat_ears headband', 'Cat girl, 100% cute']);
    expect(await history(user, '100%')).toEqual(['Cat girl, 100% cute']);
    expect(await history(user, '%')).toEqual(['Cat girl, 100% cute']);
    expect(await history(user, 't_e')).toEqual(['cat_ears headband']);
    expect(await history(user, 'k\\s')).toEqual(['back\\slash']);
    expect(await history(user, '')).toHaveLength(5);
    expect(await history(user, 'nothing like it')).toEqual([]);
    expect((await as(user, 'GET', `/api/prompts/history?q=${'q'.repeat(201)}`)).statusCode).toBe(422);
  });

  it('deletes one prompt (404 for another account’s), and clears the whole history', async () => {
    const user = await givenVerifiedUser(t);
    const intruder = await givenVerifiedUser(t);
    await send(user, 'keep me');
    await send(user, 'forget me');
    const items = (await as(user, 'GET', '/api/prompts/history')).json().items as { id: string; prompt: string }[];
    const forget = items.find((i) => i.prompt === 'forget me')!;
    expect((await as(intruder, 'DELETE', `/api/prompts/history/${forget.id}`)).statusCode).toBe(404);
    expect(await history(user)).toEqual(['forget me', 'keep me']);
    expect((await as(user, 'DELETE', `/api/prompts/history/${forget.id}`)).statusCode).toBe(204);
    expect((await as(user, 'DELETE', `/api/prompts/history/${forget.id}`)).statusCode).toBe(404);
    expect(await history(user)).toEqual(['keep me']);

    await send(intruder, 'not yours to clear');
    const cleared = await as(user, 'DELETE', '/api/prompts/history');
    expect(cleared.statusCode).toBe(200);
    expect(cleared.json()).toEqual({ deleted: 1 });
    expect(await history(user)).toEqual([]);
    expect(await history(intruder)).toEqual(['not yours to clear']);
    // The generations themselves stay: the history is only a list of what was written.
    expect((await t.app.inject({ method: 'GET', url: '/api/generations', headers: { cookie: user.cookie } })).json().items).toHaveLength(2);
  });
});
