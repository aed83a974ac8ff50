import type { Generation, GenerationStatus } from '../contracts/api.js';
import { refundGeneration } from '../credits/index.js';
import { AppError, notFound } from '../lib/errors.js';
import type { ImageProvider } from '../providers/index.js';
import { notifyLiveBestEffort } from '../pubsub/index.js';
import type { GenerationContext } from './context.js';
import { findGeneration, markCanceled } from './generation.queries.js';
import { getGenerationOrThrow } from './get-generation.js';
import { isTerminal } from './state.js';

/**
 * The owner stops a generation: queued → canceled, or running → canceled
 * where the provider offers cancelling (its tasks are then stopped there).
 * The status change and the full refund commit in ONE transaction, recorded
 * once in the ledger (the refund mechanism failures use). Not idempotent by
 * design: a second call finds it ended and throws already_finished, refunding
 * nothing. Throws not_found for anyone else's, cannot_cancel for a running one
 * the provider cannot stop.
 */
export async function cancelGeneration(
  deps: Pick<GenerationContext, 'db' | 'clock' | 'log' | 'metrics' | 'provider' | 'modelNames'>,
  input: { userId: string; generationId: string; mature?: boolean },
): Promise<Generation> {
  // Read, then CAS on what was read; a lost race (it started or ended meanwhile) is judged again.
  for (let tries = 0; tries < 3; tries++) {
    const current = await findGeneration(deps.db, input.userId, input.generationId);
    if (!current) throw notFound('That generation');
    const from = current.status as GenerationStatus;
    refuseUncancelable(from, deps.provider);
    const canceled = await deps.db.transaction(async (tx) => {
      const row = await markCanceled(tx, { userId: input.userId, id: current.id, from, now: deps.clock.now() });
      if (!row) return null;
      await refundGeneration(tx, { userId: row.userId, generationId: row.id, amount: row.cost });
      return row;
    });
    if (!canceled) continue;
    deps.metrics.finished(canceled.provider, 'canceled');
    deps.log.info({ generationId: canceled.id, from, refunded: canceled.cost }, 'generation canceled and refunded');
    // The row no longer runs, so the worker stores no result; this only stops the provider spending on it.
    if (from === 'running') await cancelTasksBestEffort(deps, canceled.providerTaskIds);
    await notifyLiveBestEffort(
      deps.db,
      deps.log,
      { userId: canceled.userId, kind: 'generation', id: canceled.id },
      { userId: canceled.userId, kind: 'credits' },
    );
    return getGenerationOrThrow(deps, input);
  }
  throw new AppError('conflict', 'This generation changed while it was being canceled. Try again.');
}

function refuseUncancelable(status: GenerationStatus, provider: Pick<ImageProvider, 'cancelTask'>): void {
  if (isTerminal(status)) throw new AppError('already_finished', 'This generation has already finished, so it cannot be canceled.');
  if (status === 'running' && !provider.cancelTask) {
    throw new AppError('cannot_cancel', 'This generation is already with the image service, which cannot stop it.');
  }
}

/**
 * Asks the provider to stop each task (when it offers that). Failures are only
 * logged: the generation is canceled and refunded whatever the provider says.
 */
export async function cancelTasksBestEffort(deps: Pick<GenerationContext, 'log' | 'provider'>, taskIds: string[]): Promise<void> {
  if (!deps.provider.cancelTask) return;
  for (const taskId of taskIds) {
    try {
      await deps.provider.cancelTask(taskId);
    } catch (err) {
      deps.log.warn({ taskId, code: (err as { code?: string }).code }, 'the provider could not cancel a task');
    }
  }
}
