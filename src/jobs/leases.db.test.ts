import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestDatabase } from '../../test/helpers/db.js';
import type { Database } from '../db/index.js';
import { defineJob, type QueueDefinition } from '../lib/job.js';
import { createLogger } from '../lib/logger.js';
import { reclaimStaleJobs, renewLeases } from './leases.js';
import { createJobQueue, type JobQueue, type QueueOptions } from './queue.js';

const payload = z.object({ marker: z.string() });
/** A long retry delay: a job taken over from a dead worker must not wait for it. */
const policy = { retryLimit: 2, retryDelaySeconds: 600, retryBackoff: false, expireInSeconds: 900 };
const queues: QueueDefinition[] = [
  { name: 'test.lease', ...policy },
  { name: 'test.slow', ...policy },
];

interface JobRow {
  id: string;
  state: string;
  retry_count: number;
  expired: boolean;
}

describe('job leases', () => {
  let database: Database;
  let sender: JobQueue;
  const started: JobQueue[] = [];
  const runs: string[] = [];

  const leaseJob = defineJob({
    name: 'test.lease',
    payload,
    policy: () => policy,
    async run(_ctx: null, { marker }) {
      runs.push(marker);
    },
  });

  const startWorker = async (options: Partial<QueueOptions> = {}) => {
    const q = await createJobQueue(database, createLogger('silent'), queues, {
      role: 'worker',
      pollingIntervalSeconds: 0.2,
      maintenanceIntervalSeconds: 600,
      leaseSeconds: 3,
      exclusive: false,
      ...options,
    });
    started.push(q);
    return q;
  };

  const jobOf = async (id: string): Promise<JobRow | undefined> => {
    const { rows } = await database.executor.executeSql(
      `select id, state::text as state, retry_count, started_on + expire_in < now() as expired from pgboss.job where id = $1`,
      [id],
    );
    return rows[0] as unknown as JobRow | undefined;
  };

  /** A job a worker claimed `secondsAgo` and then died holding (nothing renews it). */
  const givenClaimedJob = async (marker: string, secondsAgo: number, retryCount = 0) => {
    const id = await sender.send(null, leaseJob, { marker });
    await database.executor.executeSql(
      `update pgboss.job set state = 'active', retry_count = $3, started_on = now() - $2::float8 * interval '1 second' where id = $1`,
      [id, secondsAgo, retryCount],
    );
    return id;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    sender = await createJobQueue(database, createLogger('silent'), queues, {
      role: 'web',
      pollingIntervalSeconds: 1,
      maintenanceIntervalSeconds: 600,
      leaseSeconds: 3,
      exclusive: false,
    });
  });

  afterEach(async () => {
    for (const q of started.splice(0)) await q.stop({ graceful: false, timeoutMs: 0 });
  });

  afterAll(async () => {
    await sender?.stop({ graceful: false, timeoutMs: 0 });
    await database?.close();
  });

  it('gives a dead worker’s job, once its lease is stale, to a live worker that runs it at once', async () => {
    const id = await givenClaimedJob('dead-worker', 60);
    const live = await startWorker();
    await live.work(leaseJob, null);
    await expect.poll(() => runs.filter((m) => m === 'dead-worker').length, { timeout: 20_000, interval: 100 }).toBe(1);
    // Run again as the same job, counted as an attempt, despite the queue's 10-minute retry delay.
    await expect.poll(async () => (await jobOf(id))?.state, { timeout: 5000, interval: 100 }).toBe('completed');
    expect((await jobOf(id))?.retry_count).toBe(1);
  });

  it('never takes a job whose worker keeps renewing its lease, however long it runs', async () => {
    const ran = new Map<string, number>();
    const slowJob = defineJob({
      name: 'test.slow',
      payload,
      policy: () => policy,
      async run(_ctx: null, { marker }) {
        ran.set(marker, (ran.get(marker) ?? 0) + 1);
        await sleep(8000); // beyond two whole leases of 3 s
      },
    });
    const a = await startWorker();
    const b = await startWorker();
    const ids = [await sender.send(null, slowJob, { marker: 'slow-1' }), await sender.send(null, slowJob, { marker: 'slow-2' })];
    await a.work(slowJob, null, 2);
    await b.work(slowJob, null, 2);
    for (const id of ids) {
      await expect.poll(async () => (await jobOf(id))?.state, { timeout: 25_000, interval: 200 }).toBe('completed');
    }
    expect(Object.fromEntries(ran)).toEqual({ 'slow-1': 1, 'slow-2': 1 });
    for (const id of ids) expect((await jobOf(id))?.retry_count).toBe(0);
  }, 40_000);

  it('leaves a job claimed within the lease alone, and takes it once the lease has passed without renewal', async () => {
    const fresh = await givenClaimedJob('fresh', 0);
    expect(await reclaimStaleJobs(database.executor, 30)).toEqual([]);
    expect((await jobOf(fresh))?.state).toBe('active');

    // Claimed long ago but renewed just now: still held.
    const renewed = await givenClaimedJob('renewed', 600);
    await renewLeases(database.executor, 'worker-a', [renewed]);
    expect(await reclaimStaleJobs(database.executor, 30)).toEqual([]);
    expect((await jobOf(renewed))?.state).toBe('active');

    const abandoned = await givenClaimedJob('abandoned', 600);
    expect(await reclaimStaleJobs(database.executor, 30)).toEqual([{ id: abandoned, name: 'test.lease', state: 'retry' }]);
    // A second reaper finds nothing left to take.
    expect(await reclaimStaleJobs(database.executor, 30)).toEqual([]);
    await database.executor.executeSql(`update pgboss.job set state = 'completed' where id = any($1::uuid[])`, [[fresh, renewed]]);
  });

  it('hands a job whose retries are spent to pg-boss’s expiry (and so to its dead letter) instead of running it again', async () => {
    const spent = await givenClaimedJob('spent', 600, policy.retryLimit);
    expect(await reclaimStaleJobs(database.executor, 30)).toEqual([{ id: spent, name: 'test.lease', state: 'active' }]);
    expect(await jobOf(spent)).toMatchObject({ state: 'active', expired: true });
    expect(await reclaimStaleJobs(database.executor, 30)).toEqual([]);
    await database.executor.executeSql(`update pgboss.job set state = 'failed' where id = $1`, [spent]);
  });

  it('on the embedded database, runs at start-up every job the crashed previous start left active', async () => {
    const left = await givenClaimedJob('left-by-crash', 0);
    // A lease of ten minutes: only the start-up takeover can explain a prompt run.
    const restarted = await startWorker({ exclusive: true, leaseSeconds: 600 });
    await restarted.work(leaseJob, null);
    await expect.poll(() => runs.filter((m) => m === 'left-by-crash').length, { timeout: 10_000, interval: 100 }).toBe(1);
    await expect.poll(async () => (await jobOf(left))?.state, { timeout: 5000, interval: 100 }).toBe('completed');
  });

  it('with other workers sharing the queue, leaves a job claimed within the lease to its worker at start-up', async () => {
    const held = await givenClaimedJob('held-elsewhere', 0);
    const other = await startWorker({ exclusive: false, leaseSeconds: 600 });
    await other.work(leaseJob, null);
    expect(await reclaimStaleJobs(database.executor, 600)).toEqual([]);
    expect((await jobOf(held))?.state).toBe('active');
    expect(runs).not.toContain('held-elsewhere');
  });
});
