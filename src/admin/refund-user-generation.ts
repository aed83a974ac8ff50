import { type Actor, recordOperatorAction } from '../audit/index.js';
import type { Db } from '../db/index.js';
import { adminRefundGeneration } from '../generation/index.js';

/** Support refunds a finished generation with a reason: the ledger entry and the audit row commit together. */
export async function refundUserGeneration(db: Db, input: { actor: Actor; generationId: string; reason: string; now: Date }) {
  return db.transaction(async (tx) => {
    const refunded = await adminRefundGeneration(tx, { generationId: input.generationId });
    await recordOperatorAction(tx, {
      actor: input.actor,
      action: 'generation.refund',
      targetUserId: refunded.userId,
      targetId: input.generationId,
      reason: input.reason,
      detail: { credits: refunded.amount },
      now: input.now,
    });
    return { refunded: refunded.amount, balance: refunded.balance };
  });
}
