import { eq } from 'drizzle-orm';
import { type Actor, recordOperatorAction } from '../audit/index.js';
import type { SupportThread } from '../contracts/support.js';
import { notFound } from '../lib/errors.js';
import { newId } from '../lib/ids.js';
import type { SupportContext } from './context.js';
import { replyNoticeJob } from './jobs.js';
import { adminFindRequest, listMessages, toMessageView, toRequestView } from './support.queries.js';
import { supportMessages, supportRequests } from './support.schema.js';

/**
 * An operator answers a request: in one transaction the message is written,
 * the request becomes `answered` (no longer waiting), the audit log records
 * `support.reply`, and the e-mail telling the user is queued
 * (`support.reply-notice`), so all of it happens or none.
 */
export async function adminReplySupportRequest(
  deps: Pick<SupportContext, 'db' | 'clock' | 'queue'>,
  input: { operator: Extract<Actor, { id: string }>; requestId: string; body: string },
): Promise<SupportThread> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const row = await adminFindRequest(tx, input.requestId);
    if (!row) throw notFound('That request');
    const messageId = newId();
    await tx
      .insert(supportMessages)
      .values({ id: messageId, requestId: row.id, author: 'operator', operatorId: input.operator.id, body: input.body, createdAt: now });
    const [updated] = await tx
      .update(supportRequests)
      .set({ status: 'answered', waitingSince: null, updatedAt: now })
      .where(eq(supportRequests.id, row.id))
      .returning();
    await recordOperatorAction(tx, {
      actor: input.operator,
      action: 'support.reply',
      targetUserId: row.userId,
      targetId: row.id,
      detail: { messageId, from: row.status },
      now,
    });
    await deps.queue.send(tx, replyNoticeJob, { messageId });
    const messages = await listMessages(tx, row.id);
    return { ...toRequestView(updated!, { operator: true }), messages: messages.map(toMessageView) };
  });
}
