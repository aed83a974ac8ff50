import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Who is running which job, renewed while it runs (a heartbeat): a worker
 * renews the leases of its running jobs every few seconds, and any worker
 * returns an active job whose lease (or start, before the first renewal) is
 * older than JOB_LEASE_SECONDS to the queue. pg-boss alone waits for the
 * job's expiry (the generation deadline + 60 s) before retrying a dead
 * worker's job. Holds no personal data; rows go once stale.
 */
export const jobLeases = pgTable(
  'job_leases',
  {
    /** pg-boss's job id (a retried job keeps its id). */
    jobId: uuid('job_id').primaryKey(),
    /** The worker process holding it (random per process start). */
    workerId: text('worker_id').notNull(),
    renewedAt: timestamp('renewed_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('job_leases_renewed_idx').on(t.renewedAt)],
);
