import { type Actor, recordOperatorAction } from '../audit/index.js';
import type { CreditAdjustment } from '../contracts/admin.js';
import { adjustCredits, findAdjustment, getBalance } from '../credits/index.js';
import type { Db } from '../db/index.js';
import { AppError } from '../lib/errors.js';

/**
 * An operator adds or takes back credits with a reason, exactly once per
 * Idempotency-Key: the ledger entry and its audit row commit together, and a
 * repeat of the key moves nothing and answers what the first did. A key
 * already used for another account or another amount is a conflict.
 */
export async function adjustUserCredits(
  db: Db,
  input: { actor: Actor; userId: string; delta: number; reason: string; idempotencyKey: string; now: Date },
): Promise<CreditAdjustment> {
  // Keys are the operator's: two operators' keys never collide, one operator's retries do.
  const reference = `operator:${input.actor.id ?? 'cli'}:${input.idempotencyKey}`;
  const moved = await db.transaction(async (tx) => {
    const done = await adjustCredits(tx, { userId: input.userId, delta: input.delta, reference });
    if (!done) return null;
    await recordOperatorAction(tx, {
      actor: input.actor,
      action: 'credits.adjust',
      targetUserId: input.userId,
      reason: input.reason,
      detail: { requested: input.delta, applied: done.delta, balance: done.balance },
      now: input.now,
    });
    return done;
  });
  if (moved) return { applied: true, delta: moved.delta, balance: moved.balance };
  const earlier = await findAdjustment(db, reference);
  if (!earlier || earlier.userId !== input.userId || Math.sign(earlier.delta) * Math.sign(input.delta) < 0) {
    throw new AppError('conflict', 'This Idempotency-Key was already used for a different adjustment.', { field: 'Idempotency-Key' });
  }
  return { applied: false, delta: earlier.delta, balance: await getBalance(db, input.userId) };
}
