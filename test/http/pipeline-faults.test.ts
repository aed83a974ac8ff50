import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Generation } from '../../src/contracts/api.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { balanceOf, submit, waitForTerminal } from '../helpers/generations.js';
import { givenVerifiedUser, type TestUser } from '../helpers/users.js';

/**
 * The fault matrix at the level a user sees: the simulator misbehaves the way
 * KIE and its CDN can, and each generation must end in the right state, with
 * its credits refunded exactly once when it fails, and never a 5xx.
 */
describe('pipeline faults, end to end', () => {
  let t: TestApp;
  let canary: Server;
  let canaryUrl = '';
  let canaryHits = 0;
  beforeAll(async () => {
    t = await buildTestApp({ generation: { retryDelaySeconds: 1 } });
    canary = createServer((_req, res) => {
      canaryHits++;
      res.end('internal secrets');
    });
    await new Promise<void>((resolve) => canary.listen(0, '127.0.0.1', resolve));
    canaryUrl = `http://127.0.0.1:${(canary.address() as AddressInfo).port}/latest/meta-data`;
  });
  afterAll(async () => {
    await new Promise((resolve) => canary.close(resolve));
    await t.close();
  });

  const refunds = async (id: string) => {
    const r = await t.deps.db.execute(
      sql`select count(*)::int as n from credit_entries where kind = 'generation_refund' and reference = ${id}`,
    );
    return (r as unknown as { rows: { n: number }[] }).rows[0]!.n;
  };
  /** Submits and waits for the end; every poll must answer 200 (the helper throws otherwise), never a 5xx. */
  async function run(user: TestUser, prompt: string): Promise<Generation> {
    const created = await submit(t, user, { prompt });
    expect(created.statusCode).toBe(202);
    return waitForTerminal(t, user, created.json().id, 30_000);
  }

  it('KIE refusing new tasks with 429 twice: retried with backoff, then done, one task', async () => {
    const user = await givenVerifiedUser(t);
    const before = t.deps.simulator!.stats().createTask;
    t.deps.simulator!.setBehaviour({ throttleNextCreates: 2 });
    const g = await run(user, 'busy service');
    expect(g.status).toBe('succeeded');
    expect(t.deps.simulator!.stats().createTask - before).toBe(3);
    expect(await balanceOf(t, user)).toBe(18);
  });

  it('malformed JSON answers are a passing fault: retried, then done', async () => {
    const user = await givenVerifiedUser(t);
    t.deps.simulator!.setBehaviour({ garbleNext: 2 });
    const g = await run(user, 'garbled answers');
    expect(g.status).toBe('succeeded');
    expect(await balanceOf(t, user)).toBe(18);
  });

  it('a 200 MB result is cut off at the cap: failed with a plain reason, refunded once', async () => {
    const user = await givenVerifiedUser(t);
    const rssBefore = process.memoryUsage().rss;
    const g = await run(user, 'enormous [sim:huge]');
    expect(g).toMatchObject({ status: 'failed', refunded: 2, error: { code: 'result_unusable' } });
    expect(g.error?.message).toBeTruthy();
    expect(await refunds(g.id)).toBe(1);
    expect(await balanceOf(t, user)).toBe(20);
    // Read up to the 50 MB cap at most, never the 200 MB.
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(150 * 1024 * 1024);
  });

  it('a result that redirects to a private address is never fetched: failed, refunded once', async () => {
    const user = await givenVerifiedUser(t);
    t.deps.simulator!.setBehaviour({ redirectResultsTo: canaryUrl });
    try {
      const g = await run(user, 'sneaky redirect');
      expect(g).toMatchObject({ status: 'failed', refunded: 2, error: { code: 'result_unusable' } });
      expect(await refunds(g.id)).toBe(1);
    } finally {
      t.deps.simulator!.setBehaviour({ redirectResultsTo: null });
    }
    expect(canaryHits).toBe(0);
    expect((await run(user, 'after the redirect')).status).toBe('succeeded');
  });
});
