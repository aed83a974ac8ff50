import { type SQL, sql } from 'drizzle-orm';
import PgBoss from 'pg-boss';
import type { Database, Db } from '../db/index.js';
import { transactionExecutor } from '../db/index.js';
import { type JobDefinition, type JobMeta, JobPayloadError, type QueueDefinition } from '../lib/job.js';
import type { Logger } from '../lib/logger.js';
import { newWorkerId, reclaimStaleJobs, startLeaseKeeper } from './leases.js';
import { type FetchedJob, JobRunner } from './runner.js';

export type { QueueDefinition } from '../lib/job.js';

/** What sending needs of a job: its name and payload type (a definition from a module's jobs.ts). */
type Sendable<P> = Pick<JobDefinition<P, never, never>, 'name' | 'payload'>;

export interface JobQueue {
  /**
   * Enqueues a job. Given a transaction, the job row is written through it, so
   * it exists iff the transaction commits. Throws if pg-boss drops the job.
   */
  send<P>(db: Db | null, job: Sendable<P>, payload: NoInfer<P>, options?: { startAfterSeconds?: number }): Promise<string>;
  /**
   * An INSERT … SELECT that enqueues one `job` per row of `from` with
   * payload `data` (a jsonb expression over `from`), with the queue's own
   * settings exactly as `send` would: for a caller's single-statement write
   * (a CTE clause), saving the round trips of a transaction. A missing queue
   * fails the whole statement (job.name is NOT NULL), so a caller's other
   * writes never commit without their job. Call `wake(job)` once it
   * committed. A test compares its rows with `send`'s.
   */
  insertSql<P>(job: Sendable<P>, data: SQL, from: SQL): SQL;
  /** Jobs waiting or running, by queue and state, across every process (for /metrics). */
  depth(): Promise<{ queue: string; state: string; n: number }[]>;
  /** Tells this process's workers of `name` that a job is waiting (after an `insertSql` commit). */
  wake(job: Sendable<unknown>): void;
  /**
   * Runs `job` with `ctx`, `concurrency` at a time, and keeps its schedule
   * when it has one. A payload its schema refuses fails at once, without
   * retries or dead letter (running it again would not help).
   */
  work<P, C>(job: JobDefinition<P, C, never>, ctx: C, concurrency?: number): Promise<void>;
  /** Removes a job's schedule (e.g. a feature switched off); no-op when there is none. */
  unschedule(job: Sendable<unknown>): Promise<void>;
  stop(options?: { graceful: boolean; timeoutMs: number }): Promise<void>;
}

export interface QueueOptions {
  /** Maintenance and cron run only in worker processes. */
  role: 'web' | 'worker' | 'all';
  pollingIntervalSeconds: number;
  /** How often pg-boss looks for expired jobs to retry them (the last resort: leases act first). */
  maintenanceIntervalSeconds: number;
  /** A running job's lease is renewed every third of this; one not renewed for this long is taken over. */
  leaseSeconds: number;
  /**
   * This process is the queue's only worker (PGlite: one process owns the
   * database), so a job active when it starts was left by a crashed
   * predecessor and is taken over at once. Never with PostgreSQL, where a live
   * worker elsewhere may hold it.
   */
  exclusive: boolean;
}

/** pg-boss on our own database connection (PGlite or the PostgreSQL pool). */
export async function createJobQueue(database: Database, log: Logger, queues: QueueDefinition[], options: QueueOptions): Promise<JobQueue> {
  const worker = options.role !== 'web';
  const boss = new PgBoss({
    db: database.executor as PgBoss.Db,
    supervise: worker,
    schedule: worker,
    migrate: true,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds,
  });
  boss.on('error', (err) => log.error({ err }, 'job queue error'));
  await boss.start();
  await ensureQueues(boss, queues);
  const runners = new Map<string, JobRunner>();
  const workerId = newWorkerId();
  if (worker && options.exclusive) {
    // Before any runner claims a job: every active job is a dead predecessor's.
    const reclaimed = await reclaimStaleJobs(database.executor, 0);
    if (reclaimed.length > 0) log.warn({ jobs: reclaimed.length }, 'resumed jobs left running by the previous start');
  }
  const leases = worker
    ? startLeaseKeeper({
        executor: database.executor,
        log,
        workerId,
        leaseSeconds: options.leaseSeconds,
        running: () => [...runners.values()].flatMap((r) => r.active()),
        onReclaimed: (jobs) => {
          for (const name of new Set(jobs.map((j) => j.name))) runners.get(name)?.wake();
        },
      })
    : null;

  const queue: JobQueue = {
    async send(db, job, payload, opts = {}) {
      const { name } = job;
      const id = await boss.send(name, payload as object, {
        ...(db ? { db: transactionExecutor(db) as PgBoss.Db } : {}),
        ...(opts.startAfterSeconds ? { startAfter: opts.startAfterSeconds } : {}),
      });
      // pg-boss returns null instead of throwing when it does not insert.
      if (!id) throw new Error(`job queue dropped a ${name} job`);
      runners.get(name)?.wake();
      return id;
    },
    insertSql(job, data, from) {
      // pg-boss 10's own insert (plans.insertJob) with no per-job options and no constructor defaults.
      return sql`
        insert into pgboss.job (id, name, data, priority, start_after, dead_letter, expire_in, keep_until,
                                retry_limit, retry_delay, retry_backoff, policy)
        select gen_random_uuid(), q.name, ${data}, 0, now(), q.dead_letter,
               coalesce(q.expire_seconds * interval '1s', interval '15 minutes'),
               now() + cast(coalesce((q.retention_minutes * 60)::text, '14 days') as interval),
               coalesce(q.retry_limit, 2),
               case when coalesce(q.retry_backoff, false) then greatest(coalesce(q.retry_delay, 0), 1) else coalesce(q.retry_delay, 0) end,
               coalesce(q.retry_backoff, false), q.policy
        from ${from} left join pgboss.queue q on q.name = ${job.name}
        returning id`;
    },
    wake(job) {
      runners.get(job.name)?.wake();
    },
    async depth() {
      const { rows } = await database.executor.executeSql(
        `select name, state::text as state, count(*)::int as n from pgboss.job where state in ('created', 'retry', 'active') group by name, state`,
      );
      return rows.map((r) => ({ queue: String(r.name), state: String(r.state), n: Number(r.n) }));
    },
    async work(job, ctx, concurrency = 1) {
      const { name } = job;
      const runner = new JobRunner(concurrency, options.pollingIntervalSeconds * 1000, {
        fetch: (count) => boss.fetch(name, { batchSize: count, includeMetadata: true }) as Promise<FetchedJob[]>,
        complete: (ids) => boss.complete(name, ids),
        fail: async (id, reason) => {
          if (reason instanceof JobPayloadError) {
            log.error({ jobId: id, queue: name, err: reason }, 'job with a bad payload failed without retries');
            await database.executor.executeSql(
              'update pgboss.job set retry_limit = retry_count, dead_letter = null where name = $1 and id = $2',
              [name, id],
            );
          }
          return boss.fail(name, id, reason as object);
        },
        handler: async (fetched) => {
          const parsed = job.payload.safeParse(fetched.data);
          if (!parsed.success) throw new JobPayloadError(name, parsed.error.issues[0]?.message ?? 'invalid');
          await job.run(ctx, parsed.data, jobMeta(queue, job, parsed.data, fetched));
        },
        onError: (err) => log.error({ err, queue: name }, 'job queue error'),
      });
      runners.set(name, runner);
      runner.start();
      if (job.schedule) await boss.schedule(name, job.schedule);
    },
    async unschedule(job) {
      await boss.unschedule(job.name);
    },
    async stop(opts = { graceful: true, timeoutMs: 10_000 }) {
      // Our runners first (pg-boss does not know them), then pg-boss's own maintenance and cron.
      await Promise.all(
        [...runners].map(async ([name, runner]) => {
          const left = await runner.stop(opts.graceful ? opts.timeoutMs : 0);
          // As pg-boss does for its workers: what is still running is failed, to be retried.
          for (const id of left) await boss.fail(name, id, { message: 'worker shut down while active' }).catch(() => {});
        }),
      );
      // Only now: jobs finishing during the grace period keep their leases until they end.
      await leases?.stop();
      await boss.stop({ graceful: opts.graceful, timeout: opts.timeoutMs, wait: true });
    },
  };
  return queue;
}

/** What a handler learns about its run; handing off sends the same payload as a new job. */
export function jobMeta<P>(
  queue: Pick<JobQueue, 'send'>,
  job: Sendable<P>,
  payload: P,
  run: { id: string; retryCount: number; retryLimit: number },
): JobMeta {
  return {
    id: run.id,
    retryCount: run.retryCount,
    retryLimit: run.retryLimit,
    handOff: async (options = {}) => {
      await queue.send(null, job, payload, options);
    },
  };
}

/** Creates every queue and checks it exists: sending to a missing queue silently drops the job. */
export async function ensureQueues(boss: PgBoss, queues: QueueDefinition[]): Promise<void> {
  for (const q of queues) {
    const options = {
      name: q.name,
      retryLimit: q.retryLimit,
      retryDelay: q.retryDelaySeconds,
      retryBackoff: q.retryBackoff,
      expireInSeconds: q.expireInSeconds,
      ...(q.deadLetter ? { deadLetter: q.deadLetter } : {}),
    };
    const existing = await boss.getQueue(q.name);
    if (existing) await boss.updateQueue(q.name, options);
    else await boss.createQueue(q.name, options);
    if (!(await boss.getQueue(q.name))) throw new Error(`job queue ${q.name} could not be created`);
  }
}

/** Creates pg-boss's schema and the queues without starting any worker (used to build test templates). */
export async function prepareQueues(database: Database, queues: QueueDefinition[]): Promise<void> {
  const boss = new PgBoss({ db: database.executor as PgBoss.Db, supervise: false, schedule: false, migrate: true });
  await boss.start();
  await ensureQueues(boss, queues);
  await boss.stop({ graceful: false, wait: true });
}
