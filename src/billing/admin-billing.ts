import { desc, eq, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/index.js';
import { purchases } from './billing.schema.js';

/** Paid purchases over the last day and 30 days, and the share of the 30 days' paid purchases disputed (dashboard). */
export async function adminPurchaseStats(db: Db, now: Date) {
  const at = now.toISOString();
  const [r] = await queryRows<{ day: number; month: number; disputed: number }>(
    db,
    sql`select count(*) filter (where paid_at > ${at}::timestamptz - interval '1 day')::int as day,
          count(*)::int as month,
          count(*) filter (where dispute_status is not null)::int as disputed
        from purchases where paid_at > ${at}::timestamptz - interval '30 days'`,
  );
  const month = Number(r?.month ?? 0);
  return { day: Number(r?.day ?? 0), month, disputeRate30d: month === 0 ? 0 : Number(r?.disputed ?? 0) / month };
}

/** An account's purchases for its console page, newest first (at most 50). */
export async function adminListPurchases(db: Db, userId: string) {
  const rows = await db
    .select({
      id: purchases.id,
      credits: purchases.credits,
      amount: purchases.amount,
      currency: purchases.currency,
      status: purchases.status,
      createdAt: purchases.createdAt,
    })
    .from(purchases)
    .where(eq(purchases.userId, userId))
    .orderBy(desc(purchases.createdAt))
    .limit(50);
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}
