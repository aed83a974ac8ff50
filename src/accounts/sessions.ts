import { and, desc, eq, gt, ne } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { notFound } from '../lib/errors.js';
import { session } from './accounts.schema.js';

/** What a user may see of a signed-in device: never its token. */
export const deviceColumns = {
  id: session.id,
  userAgent: session.userAgent,
  ipAddress: session.ipAddress,
  createdAt: session.createdAt,
  lastUsedAt: session.updatedAt,
};

/** The user's signed-in devices, newest use first; tokens never leave the server. */
export async function listSessions(deps: { db: Db }, input: { userId: string; currentSessionId: string }) {
  const rows = await deps.db
    .select(deviceColumns)
    .from(session)
    .where(and(eq(session.userId, input.userId), gt(session.expiresAt, new Date())))
    .orderBy(desc(session.updatedAt));
  return rows.map((r) => ({ ...r, current: r.id === input.currentSessionId }));
}

/** Signs one of the user's sessions out at once. Throws not_found for anyone else's. */
export async function revokeSession(deps: { db: Db }, input: { userId: string; sessionId: string }): Promise<void> {
  const gone = await deps.db
    .delete(session)
    .where(and(eq(session.id, input.sessionId), eq(session.userId, input.userId)))
    .returning({ id: session.id });
  if (gone.length === 0) throw notFound('That session');
}

/** Signs out every session of the user except the current one. Returns how many ended. */
export async function revokeOtherSessions(deps: { db: Db }, input: { userId: string; currentSessionId: string }): Promise<number> {
  const gone = await deps.db
    .delete(session)
    .where(and(eq(session.userId, input.userId), ne(session.id, input.currentSessionId)))
    .returning({ id: session.id });
  return gone.length;
}
