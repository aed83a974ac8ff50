import { asc, eq, sql } from 'drizzle-orm';
import type { TestApp } from './app.js';
import { countOf, tables } from './tables.js';

/** The user's ledger, oldest first: each movement's kind, delta, balance after it and reference. */
export async function ledgerOf(t: TestApp, userId: string) {
  const { creditEntries } = tables;
  const rows = await t.deps.db.select().from(creditEntries).where(eq(creditEntries.userId, userId)).orderBy(asc(creditEntries.id));
  return rows.map((r) => ({ kind: r.kind, delta: r.delta, balanceAfter: r.balanceAfter, reference: r.reference }));
}

/** How many refunds the ledger holds for one generation (exactly-once checks). */
export const refundsFor = (t: TestApp, generationId: string) =>
  countOf(t.deps.db, sql`select count(*)::int as n from credit_entries where kind = 'generation_refund' and reference = ${generationId}`);
