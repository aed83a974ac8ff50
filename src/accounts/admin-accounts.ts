import { and, desc, eq, gt, ilike, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { queryRows } from '../db/index.js';
import { notFound } from '../lib/errors.js';
import { session, user } from './accounts.schema.js';
import { deviceColumns } from './sessions.js';

const rowColumns = {
  id: user.id,
  email: user.email,
  name: user.name,
  role: user.role,
  emailVerified: user.emailVerified,
  suspendedAt: user.suspendedAt,
  createdAt: user.createdAt,
};

const iso = (d: Date | null) => d?.toISOString() ?? null;
/** `%` and `_` typed by an operator are letters, not wildcards. */
const likeEscaped = (q: string) => q.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Operator search: live accounts whose e-mail or name contains `q`, or whose id is `q`; newest first, at most 50. */
export async function adminSearchAccounts(db: Db, q: string) {
  const term = q.trim();
  const pattern = `%${likeEscaped(term)}%`;
  const rows = await db
    .select(rowColumns)
    .from(user)
    .where(and(isNull(user.deletedAt), term ? or(eq(user.id, term), ilike(user.email, pattern), ilike(user.name, pattern)) : undefined))
    .orderBy(desc(user.createdAt))
    .limit(50);
  return rows.map((r) => ({ ...r, suspendedAt: iso(r.suspendedAt), createdAt: r.createdAt.toISOString() }));
}

/** One live account for the console (throws not_found). */
export async function adminGetAccount(db: Db, userId: string) {
  const [r] = await db
    .select({
      ...rowColumns,
      locale: user.locale,
      twoFactorEnabled: user.twoFactorEnabled,
      matureContentAt: user.matureContentAt,
      suspensionReason: user.suspensionReason,
    })
    .from(user)
    .where(and(eq(user.id, userId), isNull(user.deletedAt)));
  if (!r) throw notFound('That account');
  return {
    ...r,
    suspendedAt: iso(r.suspendedAt),
    matureContentAt: iso(r.matureContentAt),
    createdAt: r.createdAt.toISOString(),
  };
}

/** The account's live sessions for the console, newest use first (never tokens). */
export async function adminListSessions(db: Db, userId: string, now: Date) {
  const rows = await db
    .select(deviceColumns)
    .from(session)
    .where(and(eq(session.userId, userId), gt(session.expiresAt, now)))
    .orderBy(desc(session.updatedAt));
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), lastUsedAt: r.lastUsedAt.toISOString() }));
}

/** Ends every session of the account inside the caller's transaction. Returns how many ended. */
export async function revokeAllSessions(tx: Db, userId: string): Promise<number> {
  const gone = await tx.delete(session).where(eq(session.userId, userId)).returning({ id: session.id });
  return gone.length;
}

/** E-mail addresses of accounts by id (erased accounts have none), for naming operators in the audit log. */
export async function accountEmails(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: user.id, email: user.email }).from(user).where(inArray(user.id, ids));
  return new Map(rows.flatMap((r) => (r.email ? [[r.id, r.email] as const] : [])));
}

/** Sign-ups over the last day and 30 days, for the dashboard. */
export async function adminSignUpStats(db: Db, now: Date) {
  const [r] = await queryRows<{ day: number; month: number }>(
    db,
    sql`select count(*) filter (where created_at > ${now.toISOString()}::timestamptz - interval '1 day')::int as day,
          count(*)::int as month
        from "user" where created_at > ${now.toISOString()}::timestamptz - interval '30 days'`,
  );
  return { day: Number(r?.day ?? 0), month: Number(r?.month ?? 0) };
}
