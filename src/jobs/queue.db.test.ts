import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildTestApp, type TestApp } from '../../test/helpers/app.js';
import { givenVerifiedUser } from '../../test/helpers/users.js';
import { queryRows } from '../db/index.js';
import { runJob } from '../generation/index.js';

/** generation.run's queue with a payload of our own, to find the rows again (never worked in these apps). */
const markedRun = { name: runJob.name, payload: z.object({ marker: z.string() }) };

const jobsMarked = (t: TestApp, marker: string) =>
  queryRows(
    t.deps.db,
    sql`
      select name, data, priority, state::text as state, retry_count, retry_limit, retry_delay, retry_backoff, dead_letter, policy,
             singleton_key, singleton_on, extract(epoch from expire_in)::int as expire_seconds,
             extract(epoch from keep_until - start_after)::int as kept_seconds,
             abs(extract(epoch from start_after - now())) < 60 as starts_now
      from pgboss.job where data->>'marker' = ${marker}`,
  );

/**
 * `insertSql` writes pg-boss's job row itself (to enqueue inside a caller's
 * single statement). This pins it to what pg-boss's own `send` writes, so an
 * upgrade of pg-boss that changes its job table fails here, not in production.
 */
describe('enqueueing inside a statement', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ worker: false });
  });
  afterAll(() => t.close());

  it('writes the same job row as pg-boss send, for the same queue', async () => {
    await t.deps.queue.send(null, markedRun, { marker: 'by-send' });
    await t.deps.db.execute(t.deps.queue.insertSql(markedRun, sql`jsonb_build_object('marker', 'by-sql')`, sql`(select 1) as one`));
    const [bySend] = await jobsMarked(t, 'by-send');
    const [bySql] = await jobsMarked(t, 'by-sql');
    expect(bySend).toBeDefined();
    expect({ ...bySql, data: null }).toEqual({ ...bySend, data: null });
    expect(bySql).toMatchObject({ name: runJob.name, state: 'created', starts_now: true });
  });

  it('fails the whole statement when the queue does not exist, so nothing commits without its job', async () => {
    const user = await givenVerifiedUser(t);
    const statement = sql`
      with marked as (insert into idempotency_keys (user_id, key, request_hash, generation_id)
                      values (${user.id}, 'queue-test', 'h', 'g') returning 1)
      ${t.deps.queue.insertSql({ ...markedRun, name: 'no.such.queue' }, sql`'{}'::jsonb`, sql`marked`)}`;
    await expect(t.deps.db.execute(statement)).rejects.toThrow();
    const left = await queryRows<{ n: number }>(t.deps.db, sql`select count(*)::int as n from idempotency_keys where key = 'queue-test'`);
    expect(left[0]?.n).toBe(0);
  });
});

describe('a job whose payload its schema refuses', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('fails at once on the worker: no retry, no dead letter, nothing run', async () => {
    await t.deps.queue.send(null, markedRun, { marker: 'bad-payload' });
    await expect
      .poll(async () => (await jobsMarked(t, 'bad-payload')).map((j) => j.state), { timeout: 15_000, interval: 100 })
      .toContain('failed');
    await sleep(1500); // a retry or a dead letter would show up by now
    const jobs = await jobsMarked(t, 'bad-payload');
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ name: runJob.name, state: 'failed', retry_count: 0, dead_letter: null });
  });
});
