import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/helpers/app.js';
import { givenVerifiedUser } from '../../test/helpers/users.js';
import { RUN_JOB } from '../generation/index.js';

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

  const jobs = async (marker: string) => {
    const result = await t.deps.db.execute(sql`
      select name, data, priority, state, retry_limit, retry_delay, retry_backoff, dead_letter, policy, singleton_key,
             singleton_on, extract(epoch from expire_in)::int as expire_seconds,
             extract(epoch from keep_until - start_after)::int as kept_seconds,
             abs(extract(epoch from start_after - now())) < 60 as starts_now
      from pgboss.job where data->>'marker' = ${marker}`);
    return (result as unknown as { rows: Record<string, unknown>[] }).rows;
  };

  it('writes the same job row as pg-boss send, for the same queue', async () => {
    await t.deps.queue.send(null, RUN_JOB, { marker: 'by-send' });
    await t.deps.db.execute(t.deps.queue.insertSql(RUN_JOB, sql`jsonb_build_object('marker', 'by-sql')`, sql`(select 1) as one`));
    const [bySend] = await jobs('by-send');
    const [bySql] = await jobs('by-sql');
    expect(bySend).toBeDefined();
    expect({ ...bySql, data: null }).toEqual({ ...bySend, data: null });
    expect(bySql).toMatchObject({ name: RUN_JOB, state: 'created', starts_now: true });
  });

  it('fails the whole statement when the queue does not exist, so nothing commits without its job', async () => {
    const user = await givenVerifiedUser(t);
    const statement = sql`
      with marked as (insert into idempotency_keys (user_id, key, request_hash, generation_id)
                      values (${user.id}, 'queue-test', 'h', 'g') returning 1)
      ${t.deps.queue.insertSql('no.such.queue', sql`'{}'::jsonb`, sql`marked`)}`;
    await expect(t.deps.db.execute(statement)).rejects.toThrow();
    const left = await t.deps.db.execute(sql`select count(*)::int as n from idempotency_keys where key = 'queue-test'`);
    expect((left as unknown as { rows: { n: number }[] }).rows[0]?.n).toBe(0);
  });
});
