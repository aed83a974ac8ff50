import { createHash, randomInt } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Generation, SubmitGenerationInput } from '../contracts/api.js';
import { submitGenerationSchema } from '../contracts/api.js';
import { debitForGeneration } from '../credits/index.js';
import { tables } from '../db/index.js';
import { AppError } from '../lib/errors.js';
import { newId } from '../lib/ids.js';
import { type GenerationContext, RUN_JOB } from './context.js';
import { findOwnedUploads } from './generation.queries.js';
import { getGenerationOrThrow } from './get-generation.js';
import { toGenerationView } from './to-view.js';

const invalid = (field: string, message: string) => new AppError('invalid_input', message, { field });

/**
 * Checks the request against the model's limits, then in ONE transaction
 * debits the credits, inserts the generation (queued) and enqueues its job.
 * Either all three happen or none. Throws insufficient_credits (nothing charged).
 */
export async function submitGeneration(
  deps: Pick<GenerationContext, 'db' | 'queue' | 'clock' | 'provider' | 'catalog' | 'modelNames' | 'settings'>,
  input: { userId: string; request: SubmitGenerationInput; idempotencyKey?: string },
): Promise<Generation> {
  const req = submitGenerationSchema.parse(input.request);
  const requestHash = createHash('sha256').update(JSON.stringify(req)).digest('hex');
  const model = deps.catalog.find((m) => m.id === req.model);
  if (!model) throw new AppError('unknown_model', `There is no model called "${req.model}".`, { field: 'model' });
  if (!model.aspectRatios.includes(req.aspectRatio)) {
    throw invalid('aspectRatio', `${model.name} supports the aspect ratios ${model.aspectRatios.join(', ')}.`);
  }
  if (req.prompt.length > model.maxPromptLength) {
    throw invalid('prompt', `${model.name} accepts prompts of at most ${model.maxPromptLength} characters.`);
  }
  if (req.negativePrompt && !model.supportsNegativePrompt) {
    throw invalid('negativePrompt', `${model.name} does not take a negative prompt.`);
  }
  const maxRefs = Math.min(model.maxReferences, deps.settings.maxReferences);
  const refIds = [...new Set(req.referenceUploadIds)];
  if (refIds.length > maxRefs) {
    throw invalid(
      'referenceUploadIds',
      maxRefs === 0 ? `${model.name} does not take reference images.` : `${model.name} takes at most ${maxRefs} reference images.`,
    );
  }
  if (model.requiresReference && refIds.length === 0)
    throw invalid('referenceUploadIds', `${model.name} needs at least one reference image.`);
  const owned = await findOwnedUploads(deps.db, input.userId, refIds);
  if (owned.length !== refIds.length) throw invalid('referenceUploadIds', 'One of the reference images was not found. Upload it again.');

  const id = newId();
  const now = deps.clock.now();
  const cost = model.cost * req.count;
  const row = await deps.db.transaction(async (tx) => {
    if (input.idempotencyKey) {
      // First, so a concurrent request with the same key waits here until this one ends.
      const claimed = await tx
        .insert(tables.idempotencyKeys)
        .values({ userId: input.userId, key: input.idempotencyKey, requestHash, generationId: id })
        .onConflictDoNothing()
        .returning();
      if (claimed.length === 0) return null;
    }
    const [inserted] = await tx
      .insert(tables.generations)
      .values({
        id,
        userId: input.userId,
        status: 'queued',
        prompt: req.prompt,
        negativePrompt: req.negativePrompt || null,
        modelId: model.id,
        provider: deps.provider.name,
        providerModel: model.providerModel,
        aspectRatio: req.aspectRatio,
        count: req.count,
        seed: req.seed ?? randomInt(0, 2_147_483_647),
        cost,
        deadlineAt: new Date(now.getTime() + deps.settings.deadlineSeconds * 1000),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (refIds.length) {
      await tx.insert(tables.generationReferences).values(refIds.map((uploadId, position) => ({ generationId: id, uploadId, position })));
    }
    await deps.queue.send(tx, RUN_JOB, { generationId: id });
    // Debit last: it locks the balance row until commit, so keep that window short.
    // Not enough credits throws and rolls back the row and the job with it.
    await debitForGeneration(tx, { userId: input.userId, generationId: id, amount: cost });
    return inserted!;
  });
  if (!row) return replayIdempotent(deps, input.userId, input.idempotencyKey!, requestHash);
  // A new generation has no images yet and exactly the references just checked.
  const references = refIds.map((rid) => owned.find((u) => u.id === rid)!);
  return toGenerationView(row, [], references, deps.modelNames);
}

/** The same key again: the first request's generation, or 409 when the body differs. */
async function replayIdempotent(
  deps: Pick<GenerationContext, 'db' | 'modelNames'>,
  userId: string,
  key: string,
  requestHash: string,
): Promise<Generation> {
  const [first] = await deps.db
    .select()
    .from(tables.idempotencyKeys)
    .where(and(eq(tables.idempotencyKeys.userId, userId), eq(tables.idempotencyKeys.key, key)));
  if (!first || first.requestHash !== requestHash) {
    throw new AppError('conflict', 'This Idempotency-Key was already used for a different request.', { field: 'Idempotency-Key' });
  }
  return getGenerationOrThrow(deps, { userId, generationId: first.generationId });
}
