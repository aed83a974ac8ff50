import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/index.js';

/** Generations over the last day and 30 days, the failed ones among them, and how many wait or run now (dashboard). */
export async function adminGenerationStats(db: Db, now: Date) {
  const at = now.toISOString();
  const [r] = await queryRows<{ day: number; month: number; failed_day: number; failed_month: number; open: number }>(
    db,
    sql`select
          count(*) filter (where created_at > ${at}::timestamptz - interval '1 day')::int as day,
          count(*) filter (where created_at > ${at}::timestamptz - interval '30 days')::int as month,
          count(*) filter (where status = 'failed' and created_at > ${at}::timestamptz - interval '1 day')::int as failed_day,
          count(*) filter (where status = 'failed' and created_at > ${at}::timestamptz - interval '30 days')::int as failed_month,
          count(*) filter (where status in ('queued', 'running'))::int as open
        from generations
        where created_at > ${at}::timestamptz - interval '30 days' or status in ('queued', 'running')`,
  );
  const n = (v: number | undefined) => Number(v ?? 0);
  return {
    generations: { day: n(r?.day), month: n(r?.month), failedDay: n(r?.failed_day), failedMonth: n(r?.failed_month) },
    queueDepth: n(r?.open),
  };
}

/** How many generations an account made and how many failed (its console page). */
export async function adminCountUserGenerations(db: Db, userId: string) {
  const [r] = await queryRows<{ total: number; failed: number }>(
    db,
    sql`select count(*)::int as total, count(*) filter (where status = 'failed')::int as failed from generations where user_id = ${userId}`,
  );
  return { total: Number(r?.total ?? 0), failed: Number(r?.failed ?? 0) };
}
