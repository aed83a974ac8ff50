import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { balanceOf } from '../helpers/generations.js';
import { countOf } from '../helpers/tables.js';
import { givenVerifiedUser, type TestUser } from '../helpers/users.js';

describe('Idempotency-Key on POST /api/generations', () => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    t = await buildTestApp({ worker: false });
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => t.close());

  const send = (user: TestUser, key: string, body: Record<string, unknown>) =>
    fetch(`${base}/api/generations`, {
      method: 'POST',
      headers: { cookie: user.cookie, origin: t.origin, 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify({ model: 'nano-banana', aspectRatio: '1:1', ...body }),
    });

  it('the same key sent 10 times at once makes one generation and one debit', async () => {
    const user = await givenVerifiedUser(t);
    const responses = await Promise.all(Array.from({ length: 10 }, () => send(user, 'retry-me-1', { prompt: 'once only' })));
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(202));
    const ids = new Set(await Promise.all(responses.map(async (r) => (await r.json()).id)));
    expect(ids.size).toBe(1);
    expect(await balanceOf(t, user)).toBe(user.credits - 2);
    expect(await countOf(t.deps.db, sql`select count(*)::int as n from generations where user_id = ${user.id}`)).toBe(1);
  });

  it('refuses the same key with a different body (409), and keys are per user', async () => {
    const user = await givenVerifiedUser(t);
    expect((await send(user, 'k2', { prompt: 'first' })).status).toBe(202);
    const clash = await send(user, 'k2', { prompt: 'something else' });
    expect(clash.status).toBe(409);
    expect((await clash.json()).error.code).toBe('conflict');
    const stranger = await givenVerifiedUser(t);
    expect((await send(stranger, 'k2', { prompt: 'first' })).status).toBe(202);
    expect(await balanceOf(t, user)).toBe(user.credits - 2);
  });

  it('a request refused for lack of credits does not use up its key', async () => {
    const user = await givenVerifiedUser(t);
    const big = { prompt: 'big', model: 'nano-banana-2', count: 4 };
    expect((await send(user, 'a', big)).status).toBe(202);
    expect((await send(user, 'b', big)).status).toBe(402);
    const { grantCredits } = await import('../../src/credits/index.js');
    await grantCredits(t.deps.db, { userId: user.id, amount: 16, kind: 'admin_adjustment', reference: `topup-${user.id}` });
    expect((await send(user, 'b', big)).status).toBe(202);
  });
});
