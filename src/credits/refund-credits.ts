import type { Db } from '../db/index.js';
import { moveOnce } from './credits.queries.js';

/**
 * Gives back credits for a generation, at most once per generation whatever
 * path (worker, callback, deadline sweeper) asks. Runs inside the caller's
 * transaction. Returns the new balance, or null if it was already refunded.
 */
export async function refundGeneration(tx: Db, input: { userId: string; generationId: string; amount: number }): Promise<number | null> {
  if (input.amount <= 0) return null;
  const moved = await moveOnce(tx, {
    userId: input.userId,
    amount: input.amount,
    kind: 'generation_refund',
    reference: input.generationId,
  });
  return moved?.balance ?? null;
}
