import { z } from 'zod';
import type { GenerationContext } from '../generation/index.js';
import type { QueueDefinition } from '../jobs/queue.js';
import { EXPORT_JOB, POLICY_NOTICE_JOB, type PrivacyContext, RETENTION_JOB } from './context.js';
import { sendPolicyNotices } from './policy-notice.js';
import { runRetention } from './retention.js';
import { runExport } from './run-export.js';

export const privacyQueues: QueueDefinition[] = [
  { name: EXPORT_JOB, retryLimit: 2, retryDelaySeconds: 30, retryBackoff: true, expireInSeconds: 1800 },
  { name: RETENTION_JOB, retryLimit: 1, retryDelaySeconds: 300, retryBackoff: false, expireInSeconds: 3600 },
  { name: POLICY_NOTICE_JOB, retryLimit: 3, retryDelaySeconds: 60, retryBackoff: true, expireInSeconds: 3600 },
];

const exportPayload = z.object({ exportId: z.uuid() });
const noticePayload = z.object({ version: z.string().min(1) });

/**
 * Registers the export worker, the daily retention run (03:30) and, when a
 * material policy change is to be e-mailed, one notice run per worker start
 * (accounts already told are skipped, so restarts send nothing twice).
 */
export async function registerPrivacyJobs(ctx: PrivacyContext, generation: GenerationContext): Promise<void> {
  await ctx.queue.work(EXPORT_JOB, 1, async (payload) => {
    const parsed = exportPayload.safeParse(payload);
    if (parsed.success) await runExport(ctx, parsed.data);
  });
  await ctx.queue.work(RETENTION_JOB, 1, async () => {
    await runRetention({ ...ctx, generation });
  });
  await ctx.queue.schedule(RETENTION_JOB, '30 3 * * *');
  await ctx.queue.work(POLICY_NOTICE_JOB, 1, async (payload) => {
    const parsed = noticePayload.safeParse(payload);
    if (parsed.success) await sendPolicyNotices(ctx, parsed.data);
  });
  if (ctx.settings.policyNotice) await ctx.queue.send(null, POLICY_NOTICE_JOB, ctx.settings.policyNotice);
}
