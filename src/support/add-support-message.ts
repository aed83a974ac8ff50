import { and, eq } from 'drizzle-orm';
import type { SupportThread } from '../contracts/support.js';
import { AppError, notFound } from '../lib/errors.js';
import { newId } from '../lib/ids.js';
import type { SupportContext } from './context.js';
import {
  countUnclosedRequests,
  countUserMessagesSince,
  findOwnedRequest,
  listMessages,
  lockUserSupport,
  toMessageView,
  toRequestView,
} from './support.queries.js';
import { supportMessages, supportRequests } from './support.schema.js';

/**
 * The user writes again in one of their requests: the request is open again
 * (an answered or closed one too) and waits for an operator from now, unless
 * it was already waiting. not_found for anyone else's request; rate_limited
 * past the hourly message cap; limit_reached when reopening a closed one would
 * pass the open-request limit.
 */
export async function addSupportMessage(
  deps: Pick<SupportContext, 'db' | 'clock' | 'limits'>,
  input: { userId: string; requestId: string; body: string },
): Promise<SupportThread> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    await lockUserSupport(tx, input.userId);
    const row = await findOwnedRequest(tx, input.userId, input.requestId);
    if (!row) throw notFound('That request');
    if ((await countUserMessagesSince(tx, input.userId, new Date(now.getTime() - 3_600_000))) >= deps.limits.messagesPerHour) {
      throw new AppError('rate_limited', 'You have written to us a lot in the last hour. Please try again later.');
    }
    if (row.status === 'closed' && (await countUnclosedRequests(tx, input.userId)) >= deps.limits.openRequests) {
      throw new AppError('limit_reached', `You have ${deps.limits.openRequests} requests open. Please continue in one of them.`);
    }
    await tx.insert(supportMessages).values({ id: newId(), requestId: row.id, author: 'user', body: input.body, createdAt: now });
    const [updated] = await tx
      .update(supportRequests)
      .set({ status: 'open', waitingSince: row.status === 'open' && row.waitingSince ? row.waitingSince : now, updatedAt: now })
      .where(and(eq(supportRequests.id, row.id), eq(supportRequests.userId, input.userId)))
      .returning();
    const messages = await listMessages(tx, row.id);
    return { ...toRequestView(updated!), messages: messages.map(toMessageView) };
  });
}
