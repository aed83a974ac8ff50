import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/index.js';
import { moveOnce } from './credits.queries.js';

/**
 * An operator's adjustment, once per `reference` (the request's
 * Idempotency-Key): a positive delta grants, a negative one takes back at most
 * what is left. Runs in the caller's transaction (with its audit row).
 * Returns null when the reference was already applied.
 */
export async function adjustCredits(tx: Db, input: { userId: string; delta: number; reference: string }) {
  if (!Number.isInteger(input.delta) || input.delta === 0) throw new Error('adjustment must be a non-zero integer');
  return moveOnce(tx, { userId: input.userId, amount: input.delta, kind: 'admin_adjustment', reference: input.reference, floor: 'clamp' });
}

/** The entry an earlier adjustment with this reference made (for a replayed request). */
export async function findAdjustment(db: Db, reference: string) {
  const [r] = await queryRows<{ delta: number; user_id: string }>(
    db,
    sql`select delta, user_id from credit_entries where kind = 'admin_adjustment' and reference = ${reference}`,
  );
  return r ? { delta: Number(r.delta), userId: r.user_id } : null;
}

/** Generation refunds over the last day and 30 days (count, and credits over 30 days), for the dashboard. */
export async function adminRefundStats(db: Db, now: Date) {
  const [r] = await queryRows<{ day: number; month: number; credits: number }>(
    db,
    sql`select count(*) filter (where created_at > ${now.toISOString()}::timestamptz - interval '1 day')::int as day,
          count(*)::int as month, coalesce(sum(delta), 0)::int as credits
        from credit_entries
        where kind = 'generation_refund' and created_at > ${now.toISOString()}::timestamptz - interval '30 days'`,
  );
  return { day: Number(r?.day ?? 0), month: Number(r?.month ?? 0), creditsMonth: Number(r?.credits ?? 0) };
}
