import { type BillingContext, RECONCILE_JOB } from './context.js';
import { reconcileCheckouts } from './reconcile-checkouts.js';

/**
 * The billing queue and its schedule. Shapes match jobs/queue.ts structurally:
 * billing depends only on credits, db and lib, never on the queue adapter.
 */
export function billingQueues() {
  return [
    // Hourly and idempotent: a retry or an overlapping run only re-checks.
    { name: RECONCILE_JOB, retryLimit: 2, retryDelaySeconds: 60, retryBackoff: true, expireInSeconds: 900 },
  ];
}

interface JobRunner {
  work(name: string, concurrency: number, handler: () => Promise<void>): Promise<void>;
  schedule(name: string, cron: string): Promise<void>;
  unschedule(name: string): Promise<void>;
}

/**
 * billing.reconcile: every hour at minute 17, fulfil paid checkouts whose
 * webhooks were missed. Without Stripe keys the schedule is removed, so a
 * server that once had billing does not keep queueing no-op jobs.
 */
export async function registerBillingJobs(ctx: BillingContext, queue: JobRunner): Promise<void> {
  if (!ctx.gateway) {
    await queue.unschedule(RECONCILE_JOB);
    return;
  }
  await queue.work(RECONCILE_JOB, 1, async () => {
    const { checked, granted } = await reconcileCheckouts(ctx);
    ctx.log.info({ checked, granted }, 'billing reconciliation finished');
  });
  await queue.schedule(RECONCILE_JOB, '17 * * * *');
}
