import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { supportMessages, supportRequests } from './support.schema.js';

/**
 * For the user's data export: every support request with its thread. An
 * operator's message says only that an operator wrote it (staff are named by
 * role, as in the audit log's export).
 */
export async function exportUserData(db: Db, userId: string) {
  const requests = await db
    .select()
    .from(supportRequests)
    .where(eq(supportRequests.userId, userId))
    .orderBy(asc(supportRequests.createdAt));
  const messages = requests.length
    ? await db
        .select()
        .from(supportMessages)
        .where(
          inArray(
            supportMessages.requestId,
            requests.map((r) => r.id),
          ),
        )
        .orderBy(asc(supportMessages.createdAt), asc(supportMessages.id))
    : [];
  return {
    supportRequests: requests.map((r) => ({
      id: r.id,
      category: r.category,
      subject: r.subject,
      status: r.status,
      generationId: r.generationId,
      purchaseId: r.purchaseId,
      waitingSince: r.waitingSince?.toISOString() ?? null,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
      messages: messages
        .filter((m) => m.requestId === r.id)
        .map((m) => ({
          id: m.id,
          author: m.author,
          body: m.body,
          createdAt: m.createdAt.toISOString(),
          emailedAt: m.notifiedAt?.toISOString() ?? null,
        })),
    })),
  };
}

/** Erases the user's requests and their messages (the key to "user" would cascade too; this keeps erasure explicit). No files. */
export async function eraseUserData(tx: Db, userId: string): Promise<{ files: string[] }> {
  await tx.delete(supportRequests).where(eq(supportRequests.userId, userId));
  return { files: [] };
}
