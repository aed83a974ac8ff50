import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { countOf } from '../helpers/tables.js';
import { givenVerifiedUser } from '../helpers/users.js';

const model = {
  id: 'three',
  name: 'Three',
  providerModel: 'google/nano-banana',
  cost: 3,
  aspectRatios: ['1:1'],
  maxReferences: 0,
};

describe('concurrent submissions from one user (balance 10, cost 3)', () => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    // No worker: we count what was charged and queued, not what ran.
    t = await buildTestApp({ worker: false, env: { MODELS_JSON: JSON.stringify([model]) } });
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => t.close());

  it('accepts exactly 3 of 50 over real HTTP, answers 402 to the rest, and the ledger adds up', async () => {
    const user = await givenVerifiedUser(t, { credits: 10 });
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        fetch(`${base}/api/generations`, {
          method: 'POST',
          headers: { cookie: user.cookie, origin: t.origin, 'content-type': 'application/json' },
          body: JSON.stringify({ prompt: `race ${i}`, model: 'three', aspectRatio: '1:1' }),
        }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 202)).toHaveLength(3);
    expect(statuses.filter((s) => s === 402)).toHaveLength(47);

    const credits = await (await fetch(`${base}/api/credits`, { headers: { cookie: user.cookie } })).json();
    expect(credits.balance).toBe(1);
    const sum = credits.entries.reduce((s: number, e: { delta: number }) => s + e.delta, 0);
    expect(sum).toBe(credits.balance);
    expect(credits.entries.filter((e: { kind: string }) => e.kind === 'generation_debit')).toHaveLength(3);

    expect(await countOf(t.deps.db, sql`select count(*)::int as n from generations where user_id = ${user.id}`)).toBe(3);
    expect(await countOf(t.deps.db, sql`select count(*)::int as n from pgboss.job where name = 'generation.run'`)).toBe(3);
  });
});
