import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/index.js';
import type { Clock } from '../../src/lib/clock.js';
import { runRetention } from '../../src/privacy/index.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { givenVerifiedUser } from '../helpers/users.js';

/**
 * Sign-in records (network address, browser) are kept at most LOG_RETENTION_DAYS, then the
 * daily retention job blanks them; expired sessions go entirely. Time moves with a test clock.
 */
describe('retention of sign-in records', () => {
  let t: TestApp;
  let offset = 0;
  const clock: Clock = { now: () => new Date(Date.now() + offset) };
  beforeAll(async () => {
    t = await buildTestApp({ clock, worker: false, env: { LOG_RETENTION_DAYS: '2' } });
  });
  afterAll(() => t.close());

  const sessionsOf = (userId: string) =>
    queryRows<{ ip_address: string | null; user_agent: string | null }>(
      t.deps.db,
      sql`select ip_address, user_agent from session where user_id = ${userId}`,
    );
  const retention = () => runRetention({ ...t.deps.privacy, generation: t.deps.generation });

  it('keeps addresses within the period, blanks them after it, and deletes sessions once expired', async () => {
    const user = await givenVerifiedUser(t);
    const [fresh] = await sessionsOf(user.id);
    expect(fresh?.ip_address).toBeTruthy();

    offset = 1 * 86_400_000;
    await retention();
    expect((await sessionsOf(user.id))[0]?.ip_address).toBe(fresh?.ip_address);

    offset = 3 * 86_400_000;
    const counts = await retention();
    expect(counts.sessionAddresses).toBeGreaterThanOrEqual(1);
    expect(await sessionsOf(user.id)).toEqual([{ ip_address: null, user_agent: null }]);
    // The session itself still works until it expires; only its address and browser are gone.
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: user.cookie } })).statusCode).toBe(200);

    offset = 400 * 86_400_000;
    await retention();
    expect(await sessionsOf(user.id)).toEqual([]);
  });
});
