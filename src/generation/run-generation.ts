import { setTimeout as sleep } from 'node:timers/promises';
import { MAX_SEED } from '../contracts/api.js';
import type { JobMeta } from '../lib/job.js';
import { type CreateTaskInput, type ImageProvider, ProviderError, type ReferenceImage } from '../providers/index.js';
import { notifyLiveBestEffort } from '../pubsub/index.js';
import { cancelTasksBestEffort } from './cancel-generation.js';
import { imagesPerTaskFor } from './catalog.js';
import { completeGeneration, MAX_IMAGES_PER_TASK, type TaskOutcome } from './complete-generation.js';
import type { GenerationContext } from './context.js';
import { failGeneration } from './fail-generation.js';
import { pipelineFailures, retriesSpentMessage } from './failures.js';
import {
  findGridParent,
  type GenerationRow,
  referencesOf,
  startRun,
  storeTaskId,
  unsafeFindGeneration,
  unsafeFindImageFile,
} from './generation.queries.js';
import { gridSourceOf, usesGridSource } from './grid-source.js';
import { callbackUrl } from './provider-callback.js';
import { referenceLink } from './reference-links.js';

/** The job run this is: retries so far and the limit, and how to hand the work to a fresh job. */
export type Attempt = JobMeta;

/**
 * The `generation.run` job: creates the provider tasks (each id stored before
 * waiting on it), polls them to the end, stores the results. Safe to run twice:
 * every state change is a compare-and-set, and stored task ids are reused.
 * Transient problems throw so the queue retries; the last attempt, permanent
 * problems and the deadline fail the generation with a refund.
 */
export async function runGeneration(ctx: GenerationContext, input: { generationId: string; attempt: Attempt }): Promise<void> {
  if (ctx.shutdown.aborted) {
    // Claimed while the worker began to stop: left untouched (no attempt counted, no provider call) for a fresh job.
    await input.attempt.handOff(HAND_OFF);
    return;
  }
  const run = await startRun(ctx.db, input.generationId, ctx.clock.now());
  if (!run) return; // gone, or ended already
  const gen = run.row;
  if (run.started) await notifyLiveBestEffort(ctx.db, ctx.log, { userId: gen.userId, kind: 'generation', id: gen.id });
  if (gen.providerTaskIds.length < gen.count && gen.deadlineAt <= ctx.clock.now()) {
    // Too late to start: never pay the provider for an image the user will not get.
    await failGeneration(ctx, { generationId: gen.id, failure: pipelineFailures.timeout });
    return;
  }
  try {
    const creating = gen.providerTaskIds.length === 0 ? Date.now() : null;
    const taskIds = await ensureTasks(ctx, gen, run.references);
    if (!taskIds) return; // settled elsewhere
    const imagesPerTask = imagesPerTaskOf(ctx, gen);
    const outcomes = await pollTasks(ctx, gen, taskIds, creating, imagesPerTask);
    if (!outcomes) return; // settled elsewhere while we waited
    await completeGeneration(ctx, gen, outcomes, imagesPerTask);
  } catch (err) {
    if (ctx.shutdown.aborted) {
      await input.attempt.handOff(HAND_OFF);
      return;
    }
    const last = input.attempt.retryCount >= input.attempt.retryLimit;
    if (err instanceof ProviderError) {
      // Some errors are worth fewer attempts than the queue allows: the adapter says how many.
      const capped = err.maxAttempts !== undefined && input.attempt.retryCount + 1 >= err.maxAttempts;
      const retryable = err.kind === 'transient' && !capped;
      if (retryable && !last) throw err;
      if (err.kind === 'provider_account') {
        ctx.log.error({ code: err.code, provider: ctx.provider.name }, 'ALERT: the image provider account needs attention');
        await ctx.metrics.providerAlert(ctx.provider.name, err.code);
      }
      const message = err.kind === 'transient' ? retriesSpentMessage : err.userMessage;
      await failGeneration(ctx, { generationId: gen.id, failure: { code: err.code, reason: err.reason, message } });
      return;
    }
    if (!last) throw err;
    ctx.log.error({ err, generationId: gen.id }, 'generation failed on its last attempt');
    await failGeneration(ctx, { generationId: gen.id, failure: pipelineFailures.internal });
  }
}

/** The settings a model takes, as stored at submit (null: the model takes none, so none is sent). */
function sampling(gen: GenerationRow): Pick<CreateTaskInput, 'steps' | 'guidance' | 'strength' | 'sampler'> {
  return {
    ...(gen.steps === null ? {} : { steps: gen.steps }),
    ...(gen.guidance === null ? {} : { guidance: gen.guidance }),
    ...(gen.strength === null ? {} : { strength: gen.strength }),
    ...(gen.sampler === null ? {} : { sampler: gen.sampler }),
  };
}

/** The port always carries a seed; for a model without one any number will do, stable per generation. */
const randomSeedFor = (id: string) => Number.parseInt(id.replace(/-/g, '').slice(0, 7), 16);

/** Shutting down: the generation goes to a fresh job (a second later), which reuses any stored task ids. */
const HAND_OFF = { startAfterSeconds: 1 };

/**
 * Images one task of this generation's model and tool gives (Midjourney: a
 * grid of four, one for its upscale). A model since removed from the catalog
 * keeps what its tasks give, up to the catalog's most.
 */
function imagesPerTaskOf(ctx: Pick<GenerationContext, 'catalog'>, gen: GenerationRow): number {
  const model = ctx.catalog.find((m) => m.id === gen.modelId);
  return model ? imagesPerTaskFor(model, gen.tool) : MAX_IMAGES_PER_TASK;
}

/** Creates one task per run (`count`) that has none yet, storing each id at once. Null when the generation ended meanwhile. */
async function ensureTasks(ctx: GenerationContext, gen: GenerationRow, referenceCount: number): Promise<string[] | null> {
  let ids = [...gen.providerTaskIds];
  let inputs: TaskImages | null = referenceCount === 0 && gen.parentImageId === null ? { references: [] } : null;
  while (ids.length < gen.count) {
    inputs ??= usesGridSource(gen.providerModel, gen.tool) ? await gridInputs(ctx, gen) : await loadImages(ctx, gen);
    const taskId = await ctx.provider.createTask({
      providerModel: gen.providerModel,
      // As compiled at submit; rows from before that have only what the user typed.
      prompt: gen.sentPrompt ?? gen.prompt,
      negativePrompt: gen.sentNegativePrompt ?? gen.negativePrompt ?? undefined,
      aspectRatio: gen.aspectRatio,
      // One seed per image, as A1111 numbers a batch; a model without seeds ignores it.
      seed: ((gen.seed ?? randomSeedFor(gen.id)) + ids.length) % (MAX_SEED + 1),
      ...sampling(gen),
      ...inputs,
      ...(gen.tool === 'text' ? {} : { tool: gen.tool }),
      ...(gen.factor === null ? {} : { factor: gen.factor }),
      callbackUrl: callbackUrl(ctx.settings, ctx.provider, gen.id),
    });
    if (!(await storeTaskId(ctx.db, gen.id, ids.length, taskId))) {
      // Another run stored this slot first (or the generation ended): follow it.
      const current = await unsafeFindGeneration(ctx.db, gen.id);
      // Canceled while this task was being created: nobody will read it, so stop it spending.
      if (current?.status === 'canceled') await cancelTasksBestEffort(ctx, [taskId]);
      if (current?.status !== 'running') return null;
      ids = [...current.providerTaskIds];
      continue;
    }
    ids.push(taskId);
  }
  return ids;
}

/** The images a task is given: references for a text generation; a tool's source (and inpaint's mask), or a grid model's parent task. */
type TaskImages = Pick<CreateTaskInput, 'references' | 'source' | 'mask' | 'sourceTask'>;

const missingImage = () => {
  const { code, reason, message } = pipelineFailures.referenceMissing;
  return new ProviderError(code, { kind: 'permanent', reason, userMessage: message });
};

async function readAll(ctx: GenerationContext, key: string): Promise<Buffer> {
  const file = await ctx.storage.get(key);
  if (!file) throw missingImage();
  const chunks: Buffer[] = [];
  for await (const c of file.stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/**
 * A grid model's variations or upscale: the parent's grid task, read from
 * the parent's generation (checked at submit; gone or expired since: the run
 * fails and refunds, as for a deleted source file).
 */
async function gridInputs(ctx: GenerationContext, gen: GenerationRow): Promise<TaskImages> {
  const parent = gen.parentImageId === null ? null : await findGridParent(ctx.db, gen.parentImageId);
  const grid = gridSourceOf(parent, ctx.clock.now());
  if ('problem' in grid) throw missingImage();
  return { references: [], sourceTask: grid };
}

async function loadImages(ctx: GenerationContext, gen: GenerationRow): Promise<TaskImages> {
  const refs = await referencesOf(ctx.db, [gen.id]);
  const out: TaskImages = { references: [] };
  for (const r of refs) {
    const image: ReferenceImage = {
      // The adapter makes each upload's name unique; this part says which upload it was.
      name: `${r.upload.id}.${r.upload.contentType.split('/')[1]}`,
      bytes: await readAll(ctx, r.upload.storageKey),
      contentType: r.upload.contentType as ReferenceImage['contentType'],
      // Never for a mask: adapters convert it to their provider's colours, so ours must not be linked.
      url:
        ctx.settings.referenceLinks && r.role !== 'mask'
          ? referenceLink(ctx.settings.referenceLinks, r.upload.id, ctx.clock.now())
          : undefined,
    };
    if (r.role === 'source') out.source = image;
    else if (r.role === 'mask') out.mask = image;
    else out.references.push(image);
  }
  if (gen.parentImageId !== null) {
    // A gallery image as the source: its original, read from our storage (deleted since: the run fails and refunds).
    const file = await unsafeFindImageFile(ctx.db, gen.parentImageId);
    if (!file) throw missingImage();
    out.source = {
      name: `${gen.parentImageId}.${file.contentType.split('/')[1]}`,
      bytes: await readAll(ctx, file.originalKey),
      contentType: file.contentType as ReferenceImage['contentType'],
    };
  }
  return out;
}

/**
 * Polls every task with growing gaps until all are finished. Returns null if
 * the generation was settled by someone else meanwhile (then we stop quietly).
 * Fails with `timeout` at the deadline. `createdSince`: when this run began
 * creating all the tasks (null if some were created by an earlier run).
 */
async function pollTasks(
  ctx: GenerationContext,
  gen: GenerationRow,
  taskIds: string[],
  createdSince: number | null,
  imagesPerTask: number,
): Promise<TaskOutcome[] | null> {
  const outcomes = new Map<number, TaskOutcome>();
  const { initialMs, maxMs } = ctx.settings.poll;
  // With callbacks the provider tells us when a task ends; polling is only the safety net, at its longest gap.
  const callbacks = ctx.settings.callbackBaseUrl !== null;
  let delay = callbacks ? maxMs : initialMs;
  // Tasks created just now are not finished yet: wait for their callback (or the safety net) before the
  // first look. Tasks of an earlier run may have ended while nobody listened, so those are looked at first.
  if (callbacks && createdSince !== null) await ctx.hints.wait(gen.id, delay, ctx.shutdown, createdSince);
  for (;;) {
    const asked = Date.now();
    for (const [i, taskId] of taskIds.entries()) {
      if (outcomes.has(i)) continue;
      const state = await getTaskTolerant(ctx.provider, taskId);
      if (state.state === 'succeeded') {
        // A task gives what the model promises and no more: extra results were not paid for.
        const urls = state.resultUrls.slice(0, imagesPerTask);
        outcomes.set(i, urls.length > 0 ? { ok: true, urls } : { ok: false, failure: pipelineFailures.resultMissing });
      } else if (state.state === 'failed') {
        const { code, reason, userMessage } = state.error;
        outcomes.set(i, { ok: false, failure: { code, reason, message: userMessage } });
      }
    }
    if (outcomes.size === taskIds.length) return taskIds.map((_, i) => outcomes.get(i)!);
    const current = await unsafeFindGeneration(ctx.db, gen.id);
    if (current?.status !== 'running') return null;
    if (ctx.clock.now() >= current.deadlineAt) {
      await failGeneration(ctx, { generationId: gen.id, failure: pipelineFailures.timeout });
      return null;
    }
    await ctx.hints.wait(gen.id, delay, ctx.shutdown, asked);
    delay = Math.min(Math.round(delay * 1.5), maxMs);
  }
}

/** A passing network blip while polling is not worth a whole job retry. */
async function getTaskTolerant(provider: ImageProvider, taskId: string) {
  for (let tries = 1; ; tries++) {
    try {
      return await provider.getTask(taskId);
    } catch (err) {
      if (!(err instanceof ProviderError) || err.kind !== 'transient' || tries >= 3) throw err;
      await sleep(500 * tries);
    }
  }
}
