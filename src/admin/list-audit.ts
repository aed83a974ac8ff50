import { accountEmails } from '../accounts/index.js';
import { adminListAudit } from '../audit/index.js';
import type { AuditAction, AuditEntry } from '../contracts/operators.js';
import type { Db } from '../db/index.js';

/** The audit log for admins, newest first, with each operator's current e-mail (none once their account is erased). */
export async function listAudit(
  db: Db,
  q: { targetUserId?: string; action?: AuditAction; before?: Date; limit: number },
): Promise<AuditEntry[]> {
  const entries = await adminListAudit(db, q);
  const emails = await accountEmails(db, [...new Set(entries.flatMap((e) => (e.actorId ? [e.actorId] : [])))]);
  return entries.map((e) => ({ ...e, actorEmail: e.actorId ? (emails.get(e.actorId) ?? null) : null }));
}
