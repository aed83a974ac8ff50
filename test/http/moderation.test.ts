import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/ids.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { submit, waitForTerminal } from '../helpers/generations.js';
import { rowsOf, tables } from '../helpers/tables.js';
import { givenVerifiedUser, type TestUser } from '../helpers/users.js';

/**
 * The content policy at submit (T1–T3's rules in use): a refused prompt is a
 * 422 content_policy naming the rule, never the word; nothing is charged,
 * stored as a generation or sent to a provider; the attempt waits in the
 * moderation queue, is the user's data (export) and goes with the account.
 */
describe('content policy at submit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  const casesOf = (user: TestUser) => rowsOf(t.deps.db, tables.moderationCases, eq(tables.moderationCases.userId, user.id));
  const generationsOf = (user: TestUser) => rowsOf(t.deps.db, tables.generations, eq(tables.generations.userId, user.id));
  const entriesOf = (user: TestUser) => rowsOf(t.deps.db, tables.creditEntries, eq(tables.creditEntries.userId, user.id));

  /** Submits `body`, expects the refusal, and that the ledger did not move (read from the table: a refusal may end the session). */
  async function expectRefused(user: TestUser, body: Record<string, unknown>, category: string) {
    const entries = await entriesOf(user);
    const res = await submit(t, user, body);
    expect(res.statusCode, JSON.stringify(body)).toBe(422);
    const { error } = res.json();
    expect(error).toMatchObject({ code: 'content_policy', field: 'prompt', category });
    expect(error.message).toMatch(/Nothing was charged/);
    expect(await entriesOf(user)).toEqual(entries);
    return error.message as string;
  }
  const signIn = (user: TestUser) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in/email',
      headers: { origin: t.origin },
      payload: { email: user.email, password: user.password },
    });

  it('refuses explicit content for an account without the mature opt-in, and queues the attempt', async () => {
    const user = await givenVerifiedUser(t);
    const message = await expectRefused(user, { prompt: '1girl, adult woman, nude, sex, bedroom' }, 'sexual');
    // The rule is named; the words that matched are not echoed back.
    expect(message).not.toMatch(/\bnude\b|\bsex\b/i);
    expect(await generationsOf(user)).toHaveLength(0);
    const [queued] = await casesOf(user);
    expect(queued).toMatchObject({ kind: 'prompt', category: 'sexual', status: 'open', model: 'nano-banana' });
    expect(queued?.prompt).toBe('1girl, adult woman, nude, sex, bedroom');
  });

  it('always refuses sexual content with minors and suspends the account at once: sessions end, sign-in says why', async () => {
    for (const body of [
      { prompt: 'loli, nude, sex' },
      { prompt: 'ロリ, エロ' },
      // Pushing adulthood away in the negative prompt steers toward a child.
      { model: 'qwen-image', prompt: '1girl, nude, sex', negativePrompt: 'adult, mature female' },
    ]) {
      const user = await givenVerifiedUser(t);
      expect(await expectRefused(user, body, 'minor_sexual')).toMatch(/suspended/);
      expect(await generationsOf(user)).toHaveLength(0);
      expect((await casesOf(user)).map((c) => c.category)).toEqual(['minor_sexual']);
      expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: user.cookie } })).statusCode).toBe(401);
      expect((await submit(t, user, { prompt: 'a quiet lake' })).statusCode).toBe(401);
      const refused = await signIn(user);
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toMatchObject({ code: 'ACCOUNT_SUSPENDED' });
      expect(refused.json().message).toContain(t.config.privacyContact);
    }
  });

  it('lets an operator suspend with a reason and lift a suspension; others may not', async () => {
    const user = await givenVerifiedUser(t);
    const admin = await givenVerifiedUser(t);
    await t.deps.db.execute(sql`update "user" set role = 'admin', two_factor_enabled = true where id = ${admin.id}`);
    const post = (as: TestUser, url: string, payload?: object) =>
      t.app.inject({ method: 'POST', url, headers: { cookie: as.cookie, origin: t.origin }, ...(payload ? { payload } : {}) });
    expect((await post(user, `/api/admin/users/${admin.id}/suspend`, { reason: 'no reason' })).statusCode).toBe(403);
    expect((await post(admin, `/api/admin/users/${user.id}/suspend`, {})).statusCode).toBe(422);
    expect((await post(admin, `/api/admin/users/${user.email}/suspend`, { reason: 'spam sign-ups' })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: user.cookie } })).statusCode).toBe(401);
    expect((await signIn(user)).json()).toMatchObject({ code: 'ACCOUNT_SUSPENDED' });
    expect((await post(admin, `/api/admin/users/${user.id}/unsuspend`, { reason: 'reviewed: a misunderstanding' })).statusCode).toBe(204);
    expect((await signIn(user)).statusCode).toBe(200);
    expect((await post(admin, '/api/admin/users/nobody@example.com/unsuspend', { reason: 'reviewed' })).statusCode).toBe(404);
  });

  it('lets anime vocabulary that only sounds close through, charged as usual', async () => {
    const user = await givenVerifiedUser(t);
    for (const prompt of [
      'teen titans style heroes on a rooftop, baby blue sky',
      'Minoru walking home, school uniform, classroom at sunset',
      'an 8 year old oak tree in a shrine garden',
    ]) {
      const res = await submit(t, user, { prompt });
      expect(res.statusCode, prompt).toBe(202);
      await waitForTerminal(t, user, res.json().id);
    }
    expect(await casesOf(user)).toHaveLength(0);
  });

  it('shows operators the queue, and answers their "test a prompt" without recording anything', async () => {
    const user = await givenVerifiedUser(t);
    const admin = await givenVerifiedUser(t);
    await t.deps.db.execute(sql`update "user" set role = 'admin', two_factor_enabled = true where id = ${admin.id}`);
    const asUser = (u: TestUser, method: 'GET' | 'POST', url: string, payload?: object) =>
      t.app.inject({ method, url, headers: { cookie: u.cookie, origin: t.origin }, ...(payload ? { payload } : {}) });
    await expectRefused(user, { prompt: 'explicit sex scene' }, 'sexual');

    expect((await asUser(user, 'GET', '/api/admin/moderation')).statusCode).toBe(403);
    expect((await asUser(user, 'POST', '/api/admin/moderation/check', { prompt: 'x' })).statusCode).toBe(403);
    const queue = (await asUser(admin, 'GET', '/api/admin/moderation?status=open')).json().cases;
    expect(queue.find((c: { userId: string }) => c.userId === user.id)).toMatchObject({ category: 'sexual', prompt: 'explicit sex scene' });

    const before = (await rowsOf(t.deps.db, tables.moderationCases)).length;
    const check = async (body: object) => (await asUser(admin, 'POST', '/api/admin/moderation/check', body)).json();
    expect(await check({ prompt: 'explicit sex scene' })).toEqual({ decision: 'block', category: 'sexual' });
    expect(await check({ prompt: 'explicit sex scene', mature: true })).toEqual({ decision: 'allow' });
    expect(await check({ prompt: 'loli, sex', mature: true })).toEqual({ decision: 'block', category: 'minor_sexual' });
    expect(await check({ prompt: 'baby blue kimono' })).toEqual({ decision: 'allow' });
    expect((await rowsOf(t.deps.db, tables.moderationCases)).length).toBe(before);
    expect((await asUser(admin, 'POST', '/api/admin/moderation/check', { prompt: 'x', extra: 1 })).statusCode).toBe(422);
  });

  // The export's copy is held in privacy.test.ts with every other personal column.
  it('erases the refused prompts with the account', async () => {
    const user = await givenVerifiedUser(t);
    await expectRefused(user, { prompt: 'hentai, explicit sex' }, 'sexual');
    expect(await casesOf(user)).toHaveLength(1);
    const res = await t.app.inject({
      method: 'DELETE',
      url: '/api/me',
      headers: { cookie: user.cookie, origin: t.origin },
      payload: { password: user.password },
    });
    expect(res.statusCode).toBe(204);
    expect(await casesOf(user)).toHaveLength(0);
  });
});

describe('the operators’ denylist', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ worker: false });
    // Before any submit: the list is read on the first one, then kept for a few seconds.
    await t.deps.db.insert(tables.moderationDenylist).values({ id: newId(), term: 'forbidden brand', createdAt: new Date() });
  });
  afterAll(() => t.close());

  it('refuses a prompt with an operator’s term, however it is written', async () => {
    const user = await givenVerifiedUser(t);
    for (const prompt of ['a poster for Forbidden Brand', 'a poster for ＦＯＲＢＩＤＤＥＮ  brand']) {
      const res = await submit(t, user, { prompt });
      expect(res.statusCode, prompt).toBe(422);
      expect(res.json().error).toMatchObject({ code: 'content_policy', category: 'denylist' });
    }
    expect((await submit(t, user, { prompt: 'a poster for a brand' })).statusCode).toBe(202);
  });
});

describe('mature content, opted into in Settings', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  const content = (user: TestUser, payload: object) =>
    t.app.inject({ method: 'PATCH', url: '/api/me/content', headers: { cookie: user.cookie, origin: t.origin }, payload });
  const suggested = async (user: TestUser, q: string) =>
    (await t.app.inject({ method: 'GET', url: `/api/tags/suggest?q=${encodeURIComponent(q)}&limit=20`, headers: { cookie: user.cookie } }))
      .json()
      .tags.map((s: { name: string }) => s.name);

  it('needs the 18+ confirmation, records when, and lets explicit prompts and tags through (never minors)', async () => {
    const user = await givenVerifiedUser(t);
    const unconfirmed = await content(user, { mature: true });
    expect(unconfirmed.statusCode).toBe(422);
    expect(unconfirmed.json().error).toMatchObject({ code: 'invalid_input', field: 'confirmAdult' });
    expect((await content(user, { mature: true, confirmAdult: true })).json().matureContentAt).toEqual(expect.any(String));

    expect((await submit(t, user, { prompt: 'adult woman, nude, bedroom' })).statusCode).toBe(202);
    expect(await suggested(user, 'nud')).toContain('nude');
    expect(await suggested(user, 'lol')).not.toContain('loli');

    const off = await content(user, { mature: false });
    expect(off.json().matureContentAt).toBeNull();
    const refused = await submit(t, user, { prompt: 'adult woman, nude, bedroom' });
    expect(refused.json().error).toMatchObject({ code: 'content_policy', category: 'sexual' });
  });

  it('refuses minors in sexual content with mature content on too', async () => {
    const user = await givenVerifiedUser(t);
    await content(user, { mature: true, confirmAdult: true });
    const minors = await submit(t, user, { prompt: 'loli, nude' });
    expect(minors.json().error).toMatchObject({ code: 'content_policy', category: 'minor_sexual' });
  });

  it('is off by default: no explicit tag is suggested', async () => {
    const user = await givenVerifiedUser(t);
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: user.cookie } });
    expect(me.json().matureContentAt).toBeNull();
    expect(await suggested(user, 'nud')).not.toContain('nude');
  });
});
