import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { creditBalances, creditEntries } from './credits.schema.js';

/** The user's ledger for their data export, oldest first. */
export async function exportUserData(db: Db, userId: string) {
  const ledger = await db
    .select({
      id: creditEntries.id,
      delta: creditEntries.delta,
      kind: creditEntries.kind,
      reference: creditEntries.reference,
      balanceAfter: creditEntries.balanceAfter,
      createdAt: creditEntries.createdAt,
    })
    .from(creditEntries)
    .where(eq(creditEntries.userId, userId))
    .orderBy(asc(creditEntries.id));
  return { ledger };
}

/**
 * Erasing an account changes nothing here: the ledger is a financial record
 * kept for the legal period, pseudonymous once the account row is anonymised.
 * `purgeUserData` deletes it when that period ends.
 */
export async function eraseUserData(_tx: Db, _userId: string): Promise<{ files: string[] }> {
  return { files: [] };
}

/**
 * The end of the legal period for an erased account: its entries and balance
 * go, inside the caller's transaction. The ledger's append-only trigger lets
 * exactly this transaction delete (the setting is local to it).
 */
export async function purgeUserData(tx: Db, userId: string): Promise<void> {
  await tx.execute(sql`set local animegen.retention_purge = 'on'`);
  await tx.delete(creditEntries).where(eq(creditEntries.userId, userId));
  await tx.delete(creditBalances).where(eq(creditBalances.userId, userId));
}
