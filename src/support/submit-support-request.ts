import { ownsPurchase } from '../billing/index.js';
import type { CreateSupportRequestInput, SupportThread } from '../contracts/support.js';
import { ownsGeneration } from '../generation/index.js';
import { AppError } from '../lib/errors.js';
import { newId } from '../lib/ids.js';
import type { SupportContext } from './context.js';
import {
  countRequestsSince,
  countUnclosedRequests,
  countUserMessagesSince,
  lockUserSupport,
  toMessageView,
  toRequestView,
} from './support.queries.js';
import { supportMessages, supportRequests } from './support.schema.js';

const HOUR_MS = 3_600_000;

/**
 * Opens a support request with its first message. A generation or purchase it
 * names must be the user's own (not_found otherwise, as for any other id of
 * someone else's). Refused with limit_reached when the account already has
 * `openRequests` unclosed ones, rate_limited past the hourly caps; the limits
 * are checked under a per-account lock, so parallel submits cannot pass them.
 */
export async function submitSupportRequest(
  deps: Pick<SupportContext, 'db' | 'clock' | 'limits'>,
  input: { userId: string; request: CreateSupportRequestInput },
): Promise<SupportThread> {
  const { userId, request } = input;
  if (request.generationId && !(await ownsGeneration(deps.db, { userId, generationId: request.generationId }))) {
    throw new AppError('not_found', 'That generation was not found.', { field: 'generationId' });
  }
  if (request.purchaseId && !(await ownsPurchase(deps.db, { userId, purchaseId: request.purchaseId }))) {
    throw new AppError('not_found', 'That purchase was not found.', { field: 'purchaseId' });
  }
  const now = deps.clock.now();
  const hourAgo = new Date(now.getTime() - HOUR_MS);
  return deps.db.transaction(async (tx) => {
    await lockUserSupport(tx, userId);
    if ((await countUnclosedRequests(tx, userId)) >= deps.limits.openRequests) {
      throw new AppError(
        'limit_reached',
        `You have ${deps.limits.openRequests} requests open. Please continue in one of them, or wait until one is closed.`,
      );
    }
    if (
      (await countRequestsSince(tx, userId, hourAgo)) >= deps.limits.requestsPerHour ||
      (await countUserMessagesSince(tx, userId, hourAgo)) >= deps.limits.messagesPerHour
    ) {
      throw new AppError('rate_limited', 'You have written to us a lot in the last hour. Please try again later.');
    }
    const [row] = await tx
      .insert(supportRequests)
      .values({
        id: newId(),
        userId,
        category: request.category,
        subject: request.subject,
        status: 'open',
        generationId: request.generationId ?? null,
        purchaseId: request.purchaseId ?? null,
        waitingSince: now,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const [message] = await tx
      .insert(supportMessages)
      .values({ id: newId(), requestId: row!.id, author: 'user', body: request.message, createdAt: now })
      .returning();
    return { ...toRequestView(row!), messages: [toMessageView(message!)] };
  });
}
