import { z } from 'zod';
import type { QueueDefinition } from '../jobs/queue.js';
import { DEAD_JOB, type GenerationContext, RUN_JOB, SWEEP_JOB } from './context.js';
import { failGeneration, failureMessages } from './fail-generation.js';
import { runGeneration } from './run-generation.js';
import { sweepDeadlines } from './sweep-deadlines.js';

const runPayload = z.object({ generationId: z.uuid() });

/** The generation queues and their policies. */
export function generationQueues(opts: { maxAttempts: number; expireInSeconds: number; retryDelaySeconds?: number }): QueueDefinition[] {
  return [
    // Runs whose retries are spent (e.g. a worker killed mid-job over and over) land here.
    { name: DEAD_JOB, retryLimit: 2, retryDelaySeconds: 5, retryBackoff: true, expireInSeconds: 120 },
    {
      name: RUN_JOB,
      deadLetter: DEAD_JOB,
      retryLimit: opts.maxAttempts - 1,
      retryDelaySeconds: opts.retryDelaySeconds ?? 2,
      retryBackoff: true,
      expireInSeconds: opts.expireInSeconds,
    },
    { name: SWEEP_JOB, retryLimit: 0, retryDelaySeconds: 0, retryBackoff: false, expireInSeconds: 120 },
  ];
}

/** Registers the generation handlers on a worker. A bad payload is logged and dropped, never retried. */
export async function registerGenerationJobs(ctx: GenerationContext, concurrency: number): Promise<void> {
  await ctx.queue.work(RUN_JOB, concurrency, async (payload, meta) => {
    const parsed = runPayload.safeParse(payload);
    if (!parsed.success) {
      ctx.log.error({ jobId: meta.id }, 'generation.run job with a bad payload dropped');
      return;
    }
    await runGeneration(ctx, { generationId: parsed.data.generationId, attempt: meta });
  });
  await ctx.queue.work(DEAD_JOB, 1, async (payload) => {
    const parsed = runPayload.safeParse(payload);
    if (!parsed.success) return;
    // Failing a generation that already ended changes nothing.
    if (await failGeneration(ctx, { generationId: parsed.data.generationId, code: 'internal', message: failureMessages.internal })) {
      ctx.log.error({ generationId: parsed.data.generationId }, 'generation failed after its job ran out of attempts');
    }
  });
  await ctx.queue.work(SWEEP_JOB, 1, async () => {
    const failed = await sweepDeadlines(ctx);
    if (failed) ctx.log.warn({ failed }, 'deadline sweeper failed overdue generations');
  });
  await ctx.queue.schedule(SWEEP_JOB, '* * * * *');
}
