import { defineJob, type JobWorker, noPayload, queueFor } from '../lib/job.js';
import type { BillingContext } from './context.js';
import { reconcileCheckouts } from './reconcile-checkouts.js';

/**
 * billing.reconcile, hourly at minute 17: fulfils paid checkouts whose
 * webhooks were missed. Idempotent: a retry or an overlapping run only re-checks.
 */
export const reconcileJob = defineJob({
  name: 'billing.reconcile',
  payload: noPayload,
  policy: () => ({ retryLimit: 2, retryDelaySeconds: 60, retryBackoff: true, expireInSeconds: 900 }),
  schedule: '17 * * * *',
  async run(ctx: BillingContext) {
    const { checked, granted } = await reconcileCheckouts(ctx);
    ctx.log.info({ checked, granted }, 'billing reconciliation finished');
  },
});

export const billingQueues = () => [queueFor(reconcileJob, undefined)];

/**
 * Registers reconciliation on a worker. Without Stripe keys its schedule is
 * removed, so a server that once had billing does not keep queueing no-op jobs.
 */
export async function registerBillingJobs(queue: JobWorker, ctx: BillingContext): Promise<void> {
  if (!ctx.gateway) {
    await queue.unschedule(reconcileJob);
    return;
  }
  await queue.work(reconcileJob, ctx);
}
