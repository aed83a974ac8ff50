import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { type FetchedJob, JobRunner } from './runner.js';

/** A queue in memory behind the runner's ports, counting fetches. */
function fakeQueue(handler: (job: FetchedJob) => Promise<void> = async () => {}) {
  const waiting: FetchedJob[] = [];
  const q = {
    waiting,
    fetches: [] as number[],
    completed: [] as string[],
    completeCalls: 0,
    failed: [] as string[],
    add(n: number, expireInSeconds = 60) {
      for (let i = 0; i < n; i++)
        waiting.push({ id: `job-${q.fetches.length}-${waiting.length}-${i}`, data: {}, retryCount: 0, retryLimit: 2, expireInSeconds });
    },
    ports: {
      fetch: async (count: number) => {
        q.fetches.push(count);
        return waiting.splice(0, count);
      },
      complete: async (ids: string[]) => {
        q.completeCalls++;
        await sleep(5); // a statement's round trip
        q.completed.push(...ids);
      },
      fail: async (id: string) => q.failed.push(id),
      handler,
      onError: (err: unknown) => {
        throw err;
      },
    },
  };
  return q;
}

/** A handler taking `ms`, recording how many ran at once at most. */
function concurrency(ms: number) {
  let running = 0;
  const load = {
    peak: 0,
    handler: async () => {
      load.peak = Math.max(load.peak, ++running);
      await sleep(ms);
      running--;
    },
  };
  return load;
}

describe('JobRunner', () => {
  it('polls once per interval however many slots are idle', async () => {
    const q = fakeQueue();
    const runner = new JobRunner(500, 50, q.ports);
    runner.start();
    await sleep(180);
    await runner.stop(1000);
    expect(q.fetches.length).toBeGreaterThanOrEqual(1);
    expect(q.fetches.length).toBeLessThanOrEqual(5);
    expect(q.fetches.every((n) => n === 500)).toBe(true);
  });

  it('claims a burst of jobs in one fetch when woken, and runs them side by side', async () => {
    const load = concurrency(50);
    const q = fakeQueue(load.handler);
    const runner = new JobRunner(100, 60_000, q.ports);
    runner.start();
    await sleep(10); // the first poll found nothing; the next is a minute away
    q.add(40);
    runner.wake();
    await sleep(20);
    expect(q.fetches).toEqual([100, 100]);
    expect(load.peak).toBe(40);
    await runner.stop(1000);
    expect(q.completed).toHaveLength(40);
  });

  it('never runs more than its slots, and fetches again as slots free while a backlog waits', async () => {
    const load = concurrency(5);
    const q = fakeQueue(load.handler);
    q.add(30);
    const runner = new JobRunner(4, 60_000, q.ports);
    runner.start();
    for (let i = 0; i < 100 && q.completed.length < 30; i++) await sleep(10);
    await runner.stop(1000);
    expect(q.completed).toHaveLength(30);
    expect(load.peak).toBe(4);
    expect(Math.max(...q.fetches)).toBeLessThanOrEqual(4);
  });

  it('completes jobs that end together in a few statements, each exactly once', async () => {
    const q = fakeQueue();
    q.add(200);
    const runner = new JobRunner(200, 60_000, q.ports);
    runner.start();
    for (let i = 0; i < 100 && q.completed.length < 200; i++) await sleep(10);
    await runner.stop(1000);
    expect(new Set(q.completed).size).toBe(200);
    expect(q.completed).toHaveLength(200);
    expect(q.completeCalls).toBeLessThanOrEqual(4);
  });

  it('fails the jobs whose completion could not be recorded, so the queue runs them again', async () => {
    const q = fakeQueue();
    const complete = q.ports.complete;
    let calls = 0;
    q.ports.complete = async (ids) => {
      if (++calls === 1) throw new Error('database went away');
      return complete(ids);
    };
    q.add(1);
    const runner = new JobRunner(10, 60_000, q.ports);
    runner.start();
    for (let i = 0; i < 50 && q.failed.length === 0; i++) await sleep(10);
    q.add(2);
    runner.wake();
    for (let i = 0; i < 50 && q.completed.length < 2; i++) await sleep(10);
    await runner.stop(1000);
    expect(q.failed).toHaveLength(1);
    expect(q.completed).toHaveLength(2);
  });

  it('fails a job that throws or outlives its expiry, so the queue retries it', async () => {
    const q = fakeQueue(async (job) => {
      if (job.expireInSeconds === 1) await sleep(1_500);
      else throw new Error('provider down');
    });
    q.add(1, 1);
    q.add(1, 60);
    const runner = new JobRunner(2, 60_000, q.ports);
    runner.start();
    await sleep(1_300);
    await runner.stop(1000);
    expect(q.failed).toHaveLength(2);
    expect(q.completed).toHaveLength(0);
  });

  it('stops fetching on stop() and hands back what is still running after the timeout', async () => {
    const q = fakeQueue(() => sleep(500));
    q.add(3);
    const runner = new JobRunner(3, 60_000, q.ports);
    runner.start();
    await sleep(20);
    const fetched = q.fetches.length;
    const left = await runner.stop(50);
    expect(left).toHaveLength(3);
    q.add(5);
    await sleep(30);
    expect(q.fetches.length).toBe(fetched);
  });
});
