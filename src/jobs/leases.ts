import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { pid } from 'node:process';
import type { SqlExecutor } from '../db/index.js';
import type { Logger } from '../lib/logger.js';

/**
 * Leases on running jobs (table `job_leases`, ours beside pg-boss's schema).
 *
 * pg-boss retries an active job only after its expiry, which for a generation
 * is its deadline + 60 s: a killed worker's generations sat `running` for a
 * quarter of an hour. Instead each worker renews the leases of the jobs it is
 * running every third of JOB_LEASE_SECONDS, and every worker returns to the
 * queue any active job whose lease is older than that. A job's start counts
 * as its first renewal, so a job just claimed is safe before its lease row
 * exists. All times are the database's clock.
 */

/** A job returned to the queue: by its queue name, so that queue's local runner can be woken. */
export interface ReclaimedJob {
  id: string;
  name: string;
  /** 'retry': runs again at once; 'active': its retries are spent, pg-boss's expiry fails it to its dead letter. */
  state: string;
}

/** This process's id in the lease table: which host and process holds a job, for whoever reads the table. */
export function newWorkerId(): string {
  return `${hostname()}/${pid}/${randomBytes(3).toString('hex')}`;
}

/** Renews (or writes) `workerId`'s lease on each of `jobIds`, its running jobs. Idempotent. */
export async function renewLeases(executor: SqlExecutor, workerId: string, jobIds: string[]): Promise<void> {
  if (jobIds.length === 0) return;
  await executor.executeSql(
    `insert into job_leases (job_id, worker_id, renewed_at)
     select id, $2, now() from unnest($1::uuid[]) as id
     on conflict (job_id) do update set worker_id = excluded.worker_id, renewed_at = excluded.renewed_at`,
    [jobIds, workerId],
  );
}

/**
 * Returns to the queue every active job not renewed for `staleSeconds` (0:
 * every active job, for a process that is the queue's only worker and has just
 * started). One statement with the job rows locked (SKIP LOCKED), so two
 * workers reclaiming at once never both return the same job, and a job
 * claimed again meanwhile is not touched (its start is new).
 *
 * A job with retries left goes to `retry` at once (a crash is not the job's
 * fault: no backoff wait), and the restart counts as an attempt, so a job that
 * kills its worker every time still ends. One whose retries are spent is
 * marked expired: pg-boss's own expiry fails it at its next maintenance and
 * sends its dead letter, as it would have after the full expiry.
 */
export async function reclaimStaleJobs(executor: SqlExecutor, staleSeconds: number): Promise<ReclaimedJob[]> {
  const { rows } = await executor.executeSql(
    `with stale as (
       select j.id from pgboss.job j left join job_leases l on l.job_id = j.id
       where j.state = 'active' and j.expire_in > interval '0'
         and greatest(j.started_on, l.renewed_at) <= now() - $1::float8 * interval '1 second'
       for update of j skip locked
     )
     update pgboss.job j set
       state = case when j.retry_count < j.retry_limit then 'retry'::pgboss.job_state else j.state end,
       start_after = case when j.retry_count < j.retry_limit then now() else j.start_after end,
       expire_in = case when j.retry_count < j.retry_limit then j.expire_in else interval '0' end,
       output = jsonb_build_object('message', 'its worker stopped renewing the lease: returned to the queue')
     from stale where j.id = stale.id
     returning j.id, j.name, j.state::text as state`,
    [staleSeconds],
  );
  // Stale leases belong to finished jobs or to the jobs just returned; a live worker's next renewal rewrites its own.
  await executor.executeSql("delete from job_leases where renewed_at <= now() - $1::float8 * interval '1 second'", [staleSeconds]);
  return rows.map((r) => ({ id: String(r.id), name: String(r.name), state: String(r.state) }));
}

export interface LeaseKeeperOptions {
  executor: SqlExecutor;
  log: Logger;
  workerId: string;
  leaseSeconds: number;
  /** The jobs this process is running now. */
  running(): string[];
  /** Jobs were returned to `queue`: a local runner may take them at once. */
  onReclaimed(jobs: ReclaimedJob[]): void;
}

/**
 * Every third of the lease: renews this worker's leases, then reclaims what
 * other (dead) workers left. Renewing that often lets a live worker miss two
 * renewals (a slow database, a long GC pause) before its job is taken.
 */
export function startLeaseKeeper(o: LeaseKeeperOptions): { stop(): Promise<void> } {
  const periodMs = (o.leaseSeconds * 1000) / 3;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let tick: Promise<void> = Promise.resolve();
  const run = async () => {
    try {
      await renewLeases(o.executor, o.workerId, o.running());
      const reclaimed = await reclaimStaleJobs(o.executor, o.leaseSeconds);
      if (reclaimed.length > 0) {
        o.log.warn({ jobs: reclaimed.length, queues: [...new Set(reclaimed.map((j) => j.name))] }, 'took over jobs whose worker stopped');
        o.onReclaimed(reclaimed);
      }
    } catch (err) {
      o.log.error({ err }, 'job leases could not be renewed or reclaimed');
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      tick = run().finally(schedule);
    }, periodMs);
    timer.unref();
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await tick;
    },
  };
}
