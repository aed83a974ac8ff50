import { z } from 'zod';

/** How a queue retries and expires its jobs (pg-boss queue options). */
export interface RetryPolicy {
  /** Runs after the first; 0 means a failure is final. */
  retryLimit: number;
  retryDelaySeconds: number;
  /** Doubles the delay each time (with jitter). */
  retryBackoff: boolean;
  /** A run still going after this is presumed dead (its worker was killed) and the job runs again. */
  expireInSeconds: number;
  /** The job whose queue receives a job once its retries are spent. */
  deadLetter?: string;
}

/** A queue: a job's name and its policy (a dead letter's queue must be created first). */
export interface QueueDefinition extends RetryPolicy {
  name: string;
}

/** What a handler learns about the run it is in. */
export interface JobMeta {
  id: string;
  /** Retries so far (0 on the first run) and the queue's limit. */
  retryCount: number;
  retryLimit: number;
  /** Sends this job's payload again as a new job (a worker shutting down hands its work on). */
  handOff(options?: { startAfterSeconds?: number }): Promise<void>;
}

/**
 * One job, defined once and used at both ends: its stable dotted name, the
 * payload schema (the sender's type and the worker's check: a payload that
 * fails it is failed without retries), its retry policy, and what it runs.
 * `Ctx` is what the handler needs; `Settings` what the policy depends on.
 */
export interface JobDefinition<Payload, Ctx = never, Settings = void> {
  readonly name: string;
  readonly payload: z.ZodType<Payload>;
  readonly policy: (settings: Settings) => RetryPolicy;
  /** A cron expression when the job runs on a schedule (worker processes only). */
  readonly schedule?: string;
  run(ctx: Ctx, payload: Payload, meta: JobMeta): Promise<void>;
}

/** Keeps the payload's type tied to its schema; nothing else. */
export function defineJob<S extends z.ZodType, Ctx = never, Settings = void>(
  definition: Omit<JobDefinition<z.output<S>, Ctx, Settings>, 'payload'> & { payload: S },
): JobDefinition<z.output<S>, Ctx, Settings> {
  return definition as JobDefinition<z.output<S>, Ctx, Settings>;
}

/** A payload the worker refused: the job fails at once, without retries or dead letter. */
export class JobPayloadError extends Error {
  constructor(jobName: string, detail: string) {
    super(`${jobName}: bad payload (${detail})`);
    this.name = 'JobPayloadError';
  }
}

/** The payload of a job that carries none (scheduled runs send null). */
export const noPayload = z.object({}).loose().nullish();

/** The queue `job` needs, with its policy for these settings. */
export function queueFor<S>(job: Pick<JobDefinition<unknown, never, S>, 'name' | 'policy'>, settings: S): QueueDefinition {
  return { name: job.name, ...job.policy(settings) };
}

/** What registering a module's jobs needs of the queue (implemented by jobs/queue.ts). */
export interface JobWorker {
  work<P, C>(job: JobDefinition<P, C, never>, ctx: C, concurrency?: number): Promise<void>;
  /** Drops a job's schedule (a feature switched off); no-op without one. */
  unschedule(job: { name: string }): Promise<void>;
}
