import { and, asc, eq, gt, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { moderationCases, moderationDenylist } from './moderation.schema.js';

/** The operators' terms, oldest first. */
export async function listDenylistTerms(db: Db): Promise<string[]> {
  const rows = await db.select({ term: moderationDenylist.term }).from(moderationDenylist).orderBy(asc(moderationDenylist.createdAt));
  return rows.map((r) => r.term);
}

/** How long a refusal counts as a strike. */
export const STRIKE_WINDOW_DAYS = 30;

/** The account's refusals of the last 30 days that an operator did not dismiss: its strikes. */
export async function countStrikes(db: Db, userId: string, now: Date): Promise<number> {
  const since = new Date(now.getTime() - STRIKE_WINDOW_DAYS * 86_400_000);
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(moderationCases)
    .where(and(eq(moderationCases.userId, userId), ne(moderationCases.status, 'dismissed'), gt(moderationCases.createdAt, since)));
  return Number(r?.n ?? 0);
}

/** An account's strikes now and its cases of all time (its console page). */
export async function adminStrikesOf(db: Db, userId: string, now: Date) {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(moderationCases).where(eq(moderationCases.userId, userId));
  return { recent: await countStrikes(db, userId, now), total: Number(r?.n ?? 0) };
}

/** Cases waiting for an operator (dashboard). */
export async function countOpenCases(db: Db): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(moderationCases).where(eq(moderationCases.status, 'open'));
  return Number(r?.n ?? 0);
}
