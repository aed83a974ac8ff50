import type { SQL } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { AppError } from '../lib/errors.js';
import { debitClauses, debitIfEnough } from './credits.queries.js';

/**
 * Charges a generation inside the caller's transaction (so the debit, the
 * generation row and its job commit together). Throws insufficient_credits
 * and charges nothing when the balance is too low.
 */
export async function debitForGeneration(tx: Db, input: { userId: string; generationId: string; amount: number }): Promise<number> {
  const balance = await debitIfEnough(tx, {
    userId: input.userId,
    amount: input.amount,
    kind: 'generation_debit',
    reference: input.generationId,
  });
  if (balance === null) {
    throw new AppError('insufficient_credits', `This needs ${input.amount} credits, which is more than your balance.`);
  }
  return balance;
}

/**
 * The generation debit as CTE clauses (`debited`, `debit_entry`) for a
 * submit that writes the generation, its job and the debit in one statement;
 * `debited` has no row when the balance is too low, and nothing was charged.
 */
export const generationDebitClauses = (input: { userId: string; generationId: string; amount: number; when?: SQL }) =>
  debitClauses({ userId: input.userId, amount: input.amount, kind: 'generation_debit', reference: input.generationId, when: input.when });
