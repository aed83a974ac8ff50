import type { Db } from '../db/index.js';
import { type CreditKind, moveOnce } from './credits.queries.js';

/**
 * Grants credits once per (kind, reference): the sign-up grant keyed by the
 * user id, a purchase keyed by its checkout session. Idempotent: a repeat
 * returns { applied: false }. Pass a transaction to commit it with other writes.
 */
export async function grantCredits(
  db: Db,
  input: { userId: string; amount: number; kind: Extract<CreditKind, 'signup_grant' | 'admin_adjustment' | 'purchase'>; reference: string },
): Promise<{ applied: boolean; balance: number | null }> {
  if (!Number.isInteger(input.amount) || input.amount <= 0) throw new Error('grant amount must be a positive integer');
  const moved = await db.transaction((tx) => moveOnce(tx, input));
  return { applied: moved !== null, balance: moved?.balance ?? null };
}
