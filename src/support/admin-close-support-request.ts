import { and, eq, ne } from 'drizzle-orm';
import { type Actor, recordOperatorAction } from '../audit/index.js';
import type { SupportRequest } from '../contracts/support.js';
import { AppError, notFound } from '../lib/errors.js';
import type { SupportContext } from './context.js';
import { adminFindRequest, toRequestView } from './support.queries.js';
import { supportRequests } from './support.schema.js';

/**
 * An operator closes a request (the user can still write in it, which opens
 * it again). The change and the `support.close` audit row, with the
 * operator's reason, commit together. conflict when it is already closed.
 */
export async function adminCloseSupportRequest(
  deps: Pick<SupportContext, 'db' | 'clock'>,
  input: { operator: Extract<Actor, { id: string }>; requestId: string; reason?: string },
): Promise<SupportRequest> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [closed] = await tx
      .update(supportRequests)
      .set({ status: 'closed', waitingSince: null, updatedAt: now })
      .where(and(eq(supportRequests.id, input.requestId), ne(supportRequests.status, 'closed')))
      .returning();
    if (!closed) {
      if (await adminFindRequest(tx, input.requestId)) throw new AppError('conflict', 'That request is already closed.');
      throw notFound('That request');
    }
    await recordOperatorAction(tx, {
      actor: input.operator,
      action: 'support.close',
      targetUserId: closed.userId,
      targetId: closed.id,
      reason: input.reason || null,
      now,
    });
    return toRequestView(closed, { operator: true });
  });
}
