import { refundGeneration } from '../credits/index.js';
import { notifyLiveBestEffort } from '../pubsub/index.js';
import type { GenerationContext } from './context.js';
import type { Failure } from './failures.js';
import { markFailed } from './generation.queries.js';
import { generationView } from './to-view.js';

/**
 * Marks an active generation failed and refunds its whole cost, in one
 * transaction (storing the reason and message users see; `code` goes to the
 * log). Whoever calls first (worker, sweeper, callback) wins; later calls
 * change nothing. Returns true when this call failed it. The user's webhooks
 * get generation.failed in the same transaction.
 */
export async function failGeneration(
  deps: Pick<GenerationContext, 'db' | 'clock' | 'log' | 'metrics' | 'events' | 'modelNames'>,
  input: { generationId: string; failure: Failure },
): Promise<boolean> {
  const { failure } = input;
  const failed = await deps.db.transaction(async (tx) => {
    const row = await markFailed(tx, input.generationId, deps.clock.now(), { code: failure.reason, message: failure.message });
    if (!row) return null;
    await refundGeneration(tx, { userId: row.userId, generationId: row.id, amount: row.cost });
    await deps.events.record(tx, {
      userId: row.userId,
      type: 'generation.failed',
      data: () => generationView(tx, deps.modelNames, row, false),
    });
    return row;
  });
  if (!failed) return false;
  deps.metrics.finished(failed.provider, 'failed');
  deps.log.info({ generationId: input.generationId, code: failure.code, refunded: failed.cost }, 'generation failed and refunded');
  await notifyLiveBestEffort(
    deps.db,
    deps.log,
    { userId: failed.userId, kind: 'generation', id: failed.id },
    { userId: failed.userId, kind: 'credits' },
  );
  return true;
}
