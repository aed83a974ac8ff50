import { refundGeneration } from '../credits/index.js';
import { notifyLiveBestEffort } from '../pubsub/index.js';
import type { GenerationContext } from './context.js';
import { failureReason } from './failure-reasons.js';
import { markFailed } from './generation.queries.js';

/**
 * Marks an active generation failed and refunds its whole cost, in one
 * transaction (storing the user-facing reason; `code` itself goes to the log). Whoever calls first (worker, sweeper, callback) wins; later
 * calls change nothing. Returns true when this call failed it.
 */
export async function failGeneration(
  deps: Pick<GenerationContext, 'db' | 'clock' | 'log' | 'metrics'>,
  input: { generationId: string; code: string; message: string },
): Promise<boolean> {
  const failed = await deps.db.transaction(async (tx) => {
    const row = await markFailed(tx, input.generationId, deps.clock.now(), { code: failureReason(input.code), message: input.message });
    if (!row) return null;
    await refundGeneration(tx, { userId: row.userId, generationId: row.id, amount: row.cost });
    return row;
  });
  if (!failed) return false;
  deps.metrics.finished(failed.provider, 'failed');
  deps.log.info({ generationId: input.generationId, code: input.code, refunded: failed.cost }, 'generation failed and refunded');
  await notifyLiveBestEffort(
    deps.db,
    deps.log,
    { userId: failed.userId, kind: 'generation', id: failed.id },
    { userId: failed.userId, kind: 'credits' },
  );
  return true;
}

/** Plain messages for failures we decide on ourselves. */
export const failureMessages = {
  timeout: 'This took too long and was stopped. Your credits were refunded.',
  internal: 'Something went wrong on our side. Your credits were refunded.',
  /** A passing fault that outlasted every retry: the adapter's own text promises a retry that will not come. */
  busy: 'The image service stayed busy through every retry. Your credits were refunded; please try again later.',
} as const;
