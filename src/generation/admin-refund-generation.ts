import { sql } from 'drizzle-orm';
import { refundGeneration } from '../credits/index.js';
import { type Db, queryRows } from '../db/index.js';
import { AppError, notFound } from '../lib/errors.js';

/**
 * An operator gives back what a finished generation cost (a result that was
 * delivered but useless), in the caller's transaction with its audit row.
 * The ledger allows one refund per generation, so one that the pipeline
 * already refunded (a failure) or an operator did is a conflict; one still
 * queued or running is too (it may yet fail and refund itself).
 */
export async function adminRefundGeneration(tx: Db, input: { generationId: string }) {
  const [g] = await queryRows<{ user_id: string; status: string; cost: number; refunded: number }>(
    tx,
    sql`select user_id, status, cost, refunded from generations where id = ${input.generationId} for update`,
  );
  if (!g) throw notFound('That generation');
  if (g.status !== 'succeeded') throw new AppError('conflict', 'Only a finished generation can be refunded by an operator.');
  const amount = Number(g.cost) - Number(g.refunded);
  const balance = amount > 0 ? await refundGeneration(tx, { userId: g.user_id, generationId: input.generationId, amount }) : null;
  if (balance === null) throw new AppError('conflict', 'This generation was already refunded.');
  await tx.execute(sql`update generations set refunded = cost where id = ${input.generationId}`);
  return { userId: g.user_id, amount, balance };
}
