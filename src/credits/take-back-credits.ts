import type { Db } from '../db/index.js';
import { type CreditKind, moveOnce } from './credits.queries.js';

/**
 * Takes credits back once per (kind, reference):
 * - purchase_refund: the refunded share of a purchase, at most what is left
 *   (credits already spent stay spent when we refund voluntarily);
 * - dispute: the disputed purchase's credits, into recorded debt if already
 *   spent (new generations are refused while the balance is negative);
 * - expiry / admin_adjustment: at most what is left.
 * Runs inside the caller's transaction. Returns the applied (negative) delta
 * and the new balance, or null when already recorded.
 */
export async function takeBackCredits(
  tx: Db,
  input: {
    userId: string;
    amount: number;
    kind: Extract<CreditKind, 'purchase_refund' | 'dispute' | 'expiry' | 'admin_adjustment'>;
    reference: string;
  },
) {
  if (!Number.isInteger(input.amount) || input.amount <= 0) throw new Error('take-back amount must be a positive integer');
  return moveOnce(tx, {
    userId: input.userId,
    amount: -input.amount,
    kind: input.kind,
    reference: input.reference,
    floor: input.kind === 'dispute' ? 'debt' : 'clamp',
  });
}
