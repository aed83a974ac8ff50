import type { Db } from '../db/index.js';
import { type CreditKind, creditOnce } from './credits.queries.js';

/**
 * Grants credits once per (kind, reference), e.g. the sign-up grant keyed by
 * the user id. Idempotent: a repeat returns { applied: false }.
 * Runs in its own transaction unless given one.
 */
export async function grantCredits(
  db: Db,
  input: { userId: string; amount: number; kind: Extract<CreditKind, 'signup_grant' | 'admin_adjustment'>; reference: string },
): Promise<{ applied: boolean; balance: number | null }> {
  if (!Number.isInteger(input.amount) || input.amount <= 0) throw new Error('grant amount must be a positive integer');
  const balance = await db.transaction((tx) => creditOnce(tx, input));
  return { applied: balance !== null, balance };
}
