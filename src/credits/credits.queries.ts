import { and, desc, eq, lt, type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/index.js';
import { creditBalances, creditEntries } from './credits.schema.js';

/** The kinds of credit movement; each (kind, reference) can be recorded once. */
export const creditKinds = [
  'signup_grant',
  'purchase',
  'generation_debit',
  'generation_refund',
  'purchase_refund',
  'dispute',
  'admin_adjustment',
  'expiry',
] as const;
export type CreditKind = (typeof creditKinds)[number];

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
 * The debit as two CTE clauses, `debited` (the new balance; no row when it
 * was too low) and `debit_entry` (the ledger entry, which exists iff the
 * balance moved): the guarded UPDATE cannot overdraw. For statements that
 * write more alongside the debit (a generation and its job); `when` adds the
 * caller's own condition (e.g. an idempotency claim).
 */
export function debitClauses(p: { userId: string; amount: number; kind: CreditKind; reference: string; when?: SQL }) {
  return sql`
    debited as (
      update credit_balances set balance = balance - ${p.amount}, updated_at = now()
      where user_id = ${p.userId} and balance >= ${p.amount} and ${p.when ?? sql`true`}
      returning balance
    ),
    debit_entry as (
      insert into credit_entries (user_id, delta, kind, reference, balance_after)
      select ${p.userId}, ${-p.amount}, ${p.kind}, ${p.reference}, balance from debited
      returning balance_after
    )`;
}

/**
 * Takes `amount` from the balance and records the entry in ONE statement.
 * Returns the new balance, or null when the balance was too low.
 */
export async function debitIfEnough(tx: Db, p: { userId: string; amount: number; kind: CreditKind; reference: string }) {
  const [row] = await queryRows<{ balance_after: number }>(tx, sql`with ${debitClauses(p)} select balance_after from debit_entry`);
  return row ? Number(row.balance_after) : null;
}

/**
 * How far a movement may take the balance down:
 * - 'debt': all the way, into recorded debt (chargebacks);
 * - 'clamp': at most to zero, taking back only what is left;
 * - positive movements ignore it.
 */
export type Floor = 'debt' | 'clamp';

/**
 * Moves `amount` (positive or negative) unless (kind, reference) was already
 * recorded. The balance row is locked first, so a concurrent duplicate waits
 * and then sees the entry. Must run inside a transaction.
 * Returns the applied delta and new balance, or null when already recorded.
 */
export async function moveOnce(tx: Db, p: { userId: string; amount: number; kind: CreditKind; reference: string; floor?: Floor }) {
  await tx.execute(sql`insert into credit_balances (user_id) values (${p.userId}) on conflict (user_id) do nothing`);
  const locked = await queryRows<{ balance: number }>(tx, sql`select balance from credit_balances where user_id = ${p.userId} for update`);
  const before = Number(locked[0]?.balance ?? 0);
  const delta = p.amount < 0 && p.floor === 'clamp' ? -Math.min(-p.amount, Math.max(before, 0)) : p.amount;
  const inserted = await queryRows(
    tx,
    sql`
      insert into credit_entries (user_id, delta, kind, reference, balance_after)
      values (${p.userId}, ${delta}, ${p.kind}, ${p.reference}, ${before + delta})
      on conflict (kind, reference) do nothing
      returning balance_after`,
  );
  if (inserted.length === 0) return null;
  await tx.execute(sql`update credit_balances set balance = balance + ${delta}, updated_at = now() where user_id = ${p.userId}`);
  return { delta, balance: before + delta };
}

/** Has this (kind, reference) movement been recorded? */
export async function hasEntry(db: Db, kind: CreditKind, reference: string): Promise<boolean> {
  const r = await queryRows(db, sql`select 1 from credit_entries where kind = ${kind} and reference = ${reference}`);
  return r.length > 0;
}

/** Users whose balance differs from the sum of their entries (system query for reconciliation). */
export async function unsafeFindBalanceMismatches(db: Db) {
  const r = await queryRows<{ user_id: string; balance: number; total: number }>(
    db,
    sql`
      select coalesce(b.user_id, e.user_id) as user_id, coalesce(b.balance, 0)::int as balance, coalesce(e.total, 0)::int as total
      from credit_balances b
      full join (select user_id, sum(delta) as total from credit_entries group by user_id) e on e.user_id = b.user_id
      where coalesce(b.balance, 0) <> coalesce(e.total, 0)`,
  );
  return r.map((x) => ({ userId: x.user_id, balance: Number(x.balance), sumOfEntries: Number(x.total) }));
}

/** How many generation refunds the ledger holds and their credits (for /metrics). */
export async function refundTotals(db: Db): Promise<{ count: number; credits: number }> {
  const [row] = await queryRows<{ n: number; credits: number }>(
    db,
    sql`select count(*)::int as n, coalesce(sum(delta), 0)::int as credits from credit_entries where kind = 'generation_refund'`,
  );
  return { count: Number(row?.n ?? 0), credits: Number(row?.credits ?? 0) };
}
