import { z } from 'zod';
import type { GenerationContext } from '../generation/index.js';
import { defineJob, type JobWorker, noPayload, type QueueDefinition, queueFor } from '../lib/job.js';
import type { PrivacyContext } from './context.js';
import { sendPolicyNotices } from './policy-notice.js';
import { runRetention } from './retention.js';
import { runExport } from './run-export.js';

/** privacy.export: builds one requested archive (sent with the export row, in its transaction). */
export const exportJob = defineJob({
  name: 'privacy.export',
  payload: z.object({ exportId: z.uuid() }),
  policy: () => ({ retryLimit: 2, retryDelaySeconds: 30, retryBackoff: true, expireInSeconds: 1800 }),
  run: (ctx: PrivacyContext, payload) => runExport(ctx, payload),
});

/** privacy.retention, daily at 03:30: deletes what has outlived its retention period. */
export const retentionJob = defineJob({
  name: 'privacy.retention',
  payload: noPayload,
  policy: () => ({ retryLimit: 1, retryDelaySeconds: 300, retryBackoff: false, expireInSeconds: 3600 }),
  schedule: '30 3 * * *',
  async run(ctx: PrivacyContext & { generation: GenerationContext }) {
    await runRetention(ctx);
  },
});

/** privacy.policy-notice: e-mails accounts about a material policy change (each at most once per version). */
export const policyNoticeJob = defineJob({
  name: 'privacy.policy-notice',
  payload: z.object({ version: z.string().min(1) }),
  policy: () => ({ retryLimit: 3, retryDelaySeconds: 60, retryBackoff: true, expireInSeconds: 3600 }),
  async run(ctx: PrivacyContext, payload) {
    await sendPolicyNotices(ctx, payload);
  },
});

export const privacyQueues: QueueDefinition[] = [exportJob, retentionJob, policyNoticeJob].map((job) => queueFor(job, undefined));

/**
 * Registers the privacy jobs on a worker and, when a material policy change
 * is to be e-mailed, sends one notice run per worker start (accounts already
 * told are skipped, so restarts send nothing twice).
 */
export async function registerPrivacyJobs(
  queue: JobWorker & { send(db: null, job: typeof policyNoticeJob, payload: { version: string }): Promise<string> },
  ctx: PrivacyContext,
  generation: GenerationContext,
): Promise<void> {
  await queue.work(exportJob, ctx);
  await queue.work(retentionJob, { ...ctx, generation });
  await queue.work(policyNoticeJob, ctx);
  if (ctx.settings.policyNotice) await queue.send(null, policyNoticeJob, ctx.settings.policyNotice);
}
