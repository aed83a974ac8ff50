import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import type { AuditAction, AuditEntry, OperatorRole } from '../contracts/operators.js';
import type { Db } from '../db/index.js';
import { newId } from '../lib/ids.js';
import { auditLog } from './audit.schema.js';

/** Who acted: an operator through the console, or the server's command line. */
export type Actor = { id: string; role: OperatorRole } | { id: null; role: 'cli' };

export interface OperatorAction {
  actor: Actor;
  action: AuditAction;
  targetUserId?: string | null;
  targetId?: string | null;
  reason?: string | null;
  detail?: Record<string, unknown>;
  now: Date;
}

/** Writes one audit row. Call it with the action's own transaction, so both commit or neither does. */
export async function recordOperatorAction(tx: Db, a: OperatorAction): Promise<void> {
  await tx.insert(auditLog).values({
    id: newId(),
    at: a.now,
    actorId: a.actor.id,
    actorRole: a.actor.role,
    action: a.action,
    targetUserId: a.targetUserId ?? null,
    targetId: a.targetId ?? null,
    reason: a.reason ?? null,
    detail: a.detail ?? {},
  });
}

/** The audit log, newest first, for admins: optionally about one account or of one action, paged by `before`. */
export async function adminListAudit(
  db: Db,
  q: { targetUserId?: string; action?: AuditAction; before?: Date; limit: number },
): Promise<Omit<AuditEntry, 'actorEmail'>[]> {
  const where: SQL[] = [];
  if (q.targetUserId) where.push(eq(auditLog.targetUserId, q.targetUserId));
  if (q.action) where.push(eq(auditLog.action, q.action));
  if (q.before) where.push(lt(auditLog.at, q.before));
  const rows = await db
    .select()
    .from(auditLog)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(q.limit);
  return rows.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    actorId: r.actorId,
    actorRole: r.actorRole,
    action: r.action as AuditAction,
    targetUserId: r.targetUserId,
    targetId: r.targetId,
    reason: r.reason,
    detail: r.detail,
  }));
}

/**
 * For the user's data export: what operators did to their account. The
 * operator is named by role only (staff are people too); the reason is given.
 */
export async function exportUserData(db: Db, userId: string) {
  const rows = await db
    .select({ at: auditLog.at, action: auditLog.action, actorRole: auditLog.actorRole, reason: auditLog.reason, detail: auditLog.detail })
    .from(auditLog)
    .where(eq(auditLog.targetUserId, userId))
    .orderBy(auditLog.at);
  return { operatorActions: rows.map((r) => ({ ...r, at: r.at.toISOString() })) };
}
