import { z } from 'zod';
import { defineJob, type JobWorker, noPayload, type QueueDefinition, queueFor } from '../lib/job.js';
import type { WebhooksContext } from './context.js';
import { deliverWebhook } from './deliver-webhook.js';
import { deliveryJobShape } from './delivery-job.js';
import { sendDisabledNotice } from './send-disabled-notice.js';
import { sendDueDeliveries } from './send-due-deliveries.js';

/** webhook.disabled-notice: e-mails the owner that an endpoint was disabled (sent in the transaction that disabled it). */
export const disabledNoticeJob = defineJob({
  name: 'webhook.disabled-notice',
  payload: z.object({ endpointId: z.uuid() }),
  policy: () => ({ retryLimit: 5, retryDelaySeconds: 60, retryBackoff: true, expireInSeconds: 300 }),
  run: (ctx: WebhooksContext, payload) => sendDisabledNotice(ctx, payload),
});

/**
 * webhook.deliver: one attempt of one delivery (deliverWebhook). A receiver's
 * failure is recorded and retried on our own schedule (retry-schedule.ts, by
 * the app's clock), not by the queue; the queue retries only our own errors.
 */
export const deliverJob = defineJob({
  ...deliveryJobShape,
  policy: () => ({ retryLimit: 2, retryDelaySeconds: 30, retryBackoff: true, expireInSeconds: 120 }),
  run: (ctx: WebhooksContext, payload) =>
    deliverWebhook(ctx, payload, async (tx, endpointId) => {
      await ctx.queue.send(tx, disabledNoticeJob, { endpointId });
    }),
});

/** webhook.retry, every minute: queues the deliveries whose next attempt is due, and drops the log past 30 days. */
export const retryJob = defineJob({
  name: 'webhook.retry',
  payload: noPayload,
  policy: () => ({ retryLimit: 0, retryDelaySeconds: 0, retryBackoff: false, expireInSeconds: 120 }),
  schedule: '* * * * *',
  async run(ctx: WebhooksContext) {
    await sendDueDeliveries(ctx);
  },
});

export const webhookQueues: QueueDefinition[] = [
  queueFor(deliverJob, undefined),
  queueFor(retryJob, undefined),
  queueFor(disabledNoticeJob, undefined),
];

/** Every webhook job, for a worker (attempts `concurrency` at a time: each waits on someone else's server). */
export async function registerWebhookJobs(queue: JobWorker, ctx: WebhooksContext, concurrency = 8): Promise<void> {
  await queue.work(deliverJob, ctx, concurrency);
  await queue.work(retryJob, ctx);
  await queue.work(disabledNoticeJob, ctx);
}
