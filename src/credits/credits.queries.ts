import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { tables } from '../db/index.js';

const { creditBalances, creditEntries } = tables;

/** The kinds of credit movement; each (kind, reference) can be recorded once. */
export type CreditKind = 'signup_grant' | 'generation_debit' | 'generation_refund' | 'admin_adjustment';

type Row = Record<string, unknown>;
const rowsOf = (result: unknown): Row[] => (result as { rows: Row[] }).rows;

/** Current balance; 0 for a user who never had credits. */
export async function getBalance(db: Db, userId: string): Promise<number> {
  const rows = await db.select({ balance: creditBalances.balance }).from(creditBalances).where(eq(creditBalances.userId, userId));
  return rows[0]?.balance ?? 0;
}

export async function listEntries(db: Db, userId: string, opts: { beforeId?: number; limit: number }) {
  return db
    .select()
    .from(creditEntries)
    .where(and(eq(creditEntries.userId, userId), opts.beforeId ? lt(creditEntries.id, opts.beforeId) : undefined))
    .orderBy(desc(creditEntries.id))
    .limit(opts.limit);
}

/**
 * Takes `amount` from the balance and records the entry in ONE statement:
 * the guarded UPDATE cannot overdraw, and the entry exists iff the balance moved.
 * Returns the new balance, or null when the balance was too low.
 */
export async function debitIfEnough(tx: Db, p: { userId: string; amount: number; kind: CreditKind; reference: string }) {
  const result = await tx.execute(sql`
    with debited as (
      update credit_balances set balance = balance - ${p.amount}, updated_at = now()
      where user_id = ${p.userId} and balance >= ${p.amount}
      returning balance
    )
    insert into credit_entries (user_id, delta, kind, reference, balance_after)
    select ${p.userId}, ${-p.amount}, ${p.kind}, ${p.reference}, balance from debited
    returning balance_after`);
  const row = rowsOf(result)[0];
  return row ? Number(row.balance_after) : null;
}

/**
 * Adds `amount` (may be negative for adjustments) unless (kind, reference) was
 * already recorded. The balance row is locked first, so a concurrent duplicate
 * waits and then sees the entry. Must run inside a transaction.
 * Returns the new balance, or null when the movement was already recorded.
 */
export async function creditOnce(tx: Db, p: { userId: string; amount: number; kind: CreditKind; reference: string }) {
  await tx.execute(sql`insert into credit_balances (user_id) values (${p.userId}) on conflict (user_id) do nothing`);
  const locked = rowsOf(await tx.execute(sql`select balance from credit_balances where user_id = ${p.userId} for update`));
  const before = Number(locked[0]?.balance ?? 0);
  const inserted = rowsOf(
    await tx.execute(sql`
      insert into credit_entries (user_id, delta, kind, reference, balance_after)
      values (${p.userId}, ${p.amount}, ${p.kind}, ${p.reference}, ${before + p.amount})
      on conflict (kind, reference) do nothing
      returning balance_after`),
  );
  if (inserted.length === 0) return null;
  await tx.execute(sql`update credit_balances set balance = balance + ${p.amount}, updated_at = now() where user_id = ${p.userId}`);
  return before + p.amount;
}
