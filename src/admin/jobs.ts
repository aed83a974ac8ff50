import type { Db } from '../db/index.js';
import type { Clock } from '../lib/clock.js';
import { defineJob, type JobWorker, noPayload, queueFor } from '../lib/job.js';
import type { Logger } from '../lib/logger.js';
import { purgeResolvedAlerts } from './operator-alerts.js';

export interface AdminContext {
  db: Db;
  clock: Clock;
  log: Logger;
}

/** Resolved alerts stay readable this long, then go. */
const ALERT_HISTORY_DAYS = 90;

/** admin.housekeeping, daily at 03:45: drops resolved operator alerts older than 90 days (no personal data). */
export const housekeepingJob = defineJob({
  name: 'admin.housekeeping',
  payload: noPayload,
  policy: () => ({ retryLimit: 1, retryDelaySeconds: 300, retryBackoff: false, expireInSeconds: 600 }),
  schedule: '45 3 * * *',
  async run(ctx: AdminContext) {
    const before = new Date(ctx.clock.now().getTime() - ALERT_HISTORY_DAYS * 86_400_000);
    const alerts = await purgeResolvedAlerts(ctx.db, before);
    ctx.log.info({ alerts }, 'admin housekeeping run');
  },
});

export const adminQueues = () => [queueFor(housekeepingJob, undefined)];

export async function registerAdminJobs(queue: JobWorker, ctx: AdminContext): Promise<void> {
  await queue.work(housekeepingJob, ctx);
}
