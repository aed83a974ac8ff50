import { z } from 'zod';
import { defineJob, type JobWorker, noPayload, type QueueDefinition, queueFor } from '../lib/job.js';
import type { GenerationContext } from './context.js';
import { failGeneration } from './fail-generation.js';
import { pipelineFailures } from './failures.js';
import { runGeneration } from './run-generation.js';
import { sweepDeadlines } from './sweep-deadlines.js';

const oneGeneration = z.object({ generationId: z.uuid() });

/** What the run job's retry policy depends on. */
export interface RunPolicySettings {
  /** Attempts (job runs) before a transient problem becomes a failure. */
  maxAttempts: number;
  /** First gap between attempts; it doubles each time. */
  retryDelaySeconds: number;
  /** Above the generation deadline, so a live run is never presumed dead. */
  jobExpireSeconds: number;
}

/**
 * generation.dead: a run whose retries are spent (e.g. a worker killed
 * mid-job over and over) lands here and the generation fails with a refund.
 * Failing a generation that already ended changes nothing.
 */
export const deadJob = defineJob({
  name: 'generation.dead',
  payload: oneGeneration,
  policy: () => ({ retryLimit: 2, retryDelaySeconds: 5, retryBackoff: true, expireInSeconds: 120 }),
  async run(ctx: GenerationContext, { generationId }) {
    if (await failGeneration(ctx, { generationId, failure: pipelineFailures.internal })) {
      ctx.log.error({ generationId }, 'generation failed after its job ran out of attempts');
    }
  },
});

/**
 * generation.run: creates the provider tasks, waits for them, stores the
 * results (runGeneration). Sent by the submit, in the same statement as the
 * debit; safe to run twice.
 */
export const runJob = defineJob({
  name: 'generation.run',
  payload: oneGeneration,
  policy: (s: RunPolicySettings) => ({
    deadLetter: deadJob.name,
    retryLimit: s.maxAttempts - 1,
    retryDelaySeconds: s.retryDelaySeconds,
    retryBackoff: true,
    expireInSeconds: s.jobExpireSeconds,
  }),
  run: (ctx: GenerationContext, { generationId }, meta) => runGeneration(ctx, { generationId, attempt: meta }),
});

/** generation.sweep, every minute: fails and refunds what is past its deadline. */
export const sweepJob = defineJob({
  name: 'generation.sweep',
  payload: noPayload,
  policy: () => ({ retryLimit: 0, retryDelaySeconds: 0, retryBackoff: false, expireInSeconds: 120 }),
  schedule: '* * * * *',
  async run(ctx: GenerationContext) {
    const failed = await sweepDeadlines(ctx);
    if (failed) ctx.log.warn({ failed }, 'deadline sweeper failed overdue generations');
  },
});

/** The generation queues with their policies: the dead letter first, as the run queue names it. */
export function generationQueues(settings: RunPolicySettings): QueueDefinition[] {
  return [queueFor(deadJob, undefined), queueFor(runJob, settings), queueFor(sweepJob, undefined)];
}

/** Every generation job, for a worker to run (the run job `concurrency` at a time). */
export async function registerGenerationJobs(queue: JobWorker, ctx: GenerationContext, concurrency: number): Promise<void> {
  await queue.work(runJob, ctx, concurrency);
  await queue.work(deadJob, ctx);
  await queue.work(sweepJob, ctx);
}
