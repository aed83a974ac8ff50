import { and, asc, count, eq, gt, ne, sql } from 'drizzle-orm';
import type { SupportMessage, SupportRequest } from '../contracts/support.js';
import type { Db } from '../db/index.js';
import { supportMessages, supportRequests } from './support.schema.js';

export type RequestRow = typeof supportRequests.$inferSelect;
export type MessageRow = typeof supportMessages.$inferSelect;

export function toRequestView(r: RequestRow, opts: { operator?: boolean } = {}): SupportRequest {
  return {
    id: r.id,
    category: r.category,
    subject: r.subject,
    status: r.status,
    generationId: r.generationId,
    purchaseId: r.purchaseId,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    waitingSince: r.waitingSince?.toISOString() ?? null,
    ...(opts.operator ? { userId: r.userId } : {}),
  };
}

export const toMessageView = (m: MessageRow): SupportMessage => ({
  id: m.id,
  author: m.author,
  body: m.body,
  createdAt: m.createdAt.toISOString(),
});

/** The user's own request, or null (also when it belongs to someone else). */
export async function findOwnedRequest(db: Db, userId: string, requestId: string): Promise<RequestRow | null> {
  const rows = await db
    .select()
    .from(supportRequests)
    .where(and(eq(supportRequests.id, requestId), eq(supportRequests.userId, userId)));
  return rows[0] ?? null;
}

/** Any account's request, for operators (no ownership check: the name says so). */
export async function adminFindRequest(db: Db, requestId: string): Promise<RequestRow | null> {
  const rows = await db.select().from(supportRequests).where(eq(supportRequests.id, requestId));
  return rows[0] ?? null;
}

/** A request's messages, oldest first. */
export async function listMessages(db: Db, requestId: string): Promise<MessageRow[]> {
  return db
    .select()
    .from(supportMessages)
    .where(eq(supportMessages.requestId, requestId))
    .orderBy(asc(supportMessages.createdAt), asc(supportMessages.id));
}

/**
 * Serialises one account's support writes until the transaction ends, so two
 * submits at once cannot both pass the limits below (the account's row is not
 * ours to lock).
 */
export async function lockUserSupport(tx: Db, userId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`support:${userId}`}, 0))`);
}

/** The account's requests not closed yet. */
export async function countUnclosedRequests(db: Db, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(supportRequests)
    .where(and(eq(supportRequests.userId, userId), ne(supportRequests.status, 'closed')));
  return row?.n ?? 0;
}

/** The account's requests opened after `since`. */
export async function countRequestsSince(db: Db, userId: string, since: Date): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(supportRequests)
    .where(and(eq(supportRequests.userId, userId), gt(supportRequests.createdAt, since)));
  return row?.n ?? 0;
}

/** Messages the account wrote after `since` (its new requests' first messages included). */
export async function countUserMessagesSince(db: Db, userId: string, since: Date): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(supportMessages)
    .innerJoin(supportRequests, eq(supportRequests.id, supportMessages.requestId))
    .where(and(eq(supportRequests.userId, userId), eq(supportMessages.author, 'user'), gt(supportMessages.createdAt, since)));
  return row?.n ?? 0;
}
