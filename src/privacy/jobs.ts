import { z } from 'zod';
import type { GenerationContext } from '../generation/index.js';
import type { QueueDefinition } from '../jobs/queue.js';
import { EXPORT_JOB, type PrivacyContext, RETENTION_JOB } from './context.js';
import { runRetention } from './retention.js';
import { runExport } from './run-export.js';

export const privacyQueues: QueueDefinition[] = [
  { name: EXPORT_JOB, retryLimit: 2, retryDelaySeconds: 30, retryBackoff: true, expireInSeconds: 1800 },
  { name: RETENTION_JOB, retryLimit: 1, retryDelaySeconds: 300, retryBackoff: false, expireInSeconds: 3600 },
];

const exportPayload = z.object({ exportId: z.uuid() });

/** Registers the export worker and the daily retention run (03:30). */
export async function registerPrivacyJobs(ctx: PrivacyContext, generation: GenerationContext): Promise<void> {
  await ctx.queue.work(EXPORT_JOB, 1, async (payload) => {
    const parsed = exportPayload.safeParse(payload);
    if (parsed.success) await runExport(ctx, parsed.data);
  });
  await ctx.queue.work(RETENTION_JOB, 1, async () => {
    await runRetention({ ...ctx, generation });
  });
  await ctx.queue.schedule(RETENTION_JOB, '30 3 * * *');
}
