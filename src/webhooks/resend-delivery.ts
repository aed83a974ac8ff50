import { and, eq, ne, sql } from 'drizzle-orm';
import type { WebhookDelivery } from '../contracts/webhooks.js';
import { queryRows } from '../db/index.js';
import { AppError, notFound } from '../lib/errors.js';
import type { WebhooksContext } from './context.js';
import { deliveryJobShape } from './delivery-job.js';
import { ATTEMPT_LEASE_MS } from './retry-schedule.js';
import { withAttempts } from './webhooks.queries.js';
import { webhookDeliveries } from './webhooks.schema.js';

/** Re-sends one account may ask for in an hour. */
export const RESENDS_PER_HOUR = 30;

/**
 * The owner sends one delivery again, by hand: one attempt, now, with the
 * same `webhook-id` and body (a new timestamp and signature), and no
 * automatic retries after it. Its outcome becomes the delivery's status; a
 * success also turns a disabled endpoint back on. 409 conflict while the
 * delivery is still pending (an attempt queued or a retry scheduled); 429
 * past RESENDS_PER_HOUR; 404 for anyone else's.
 */
export async function resendDelivery(
  deps: Pick<WebhooksContext, 'db' | 'clock' | 'queue'>,
  input: { userId: string; endpointId: string; deliveryId: string },
): Promise<WebhookDelivery> {
  const now = deps.clock.now();
  const row = await deps.db.transaction(async (tx) => {
    const [recent] = await queryRows<{ n: number }>(
      tx,
      sql`select count(*)::int as n from webhook_attempts a join webhook_deliveries d on d.id = a.delivery_id
          where d.user_id = ${input.userId} and a.manual and a.at > ${new Date(now.getTime() - 3600_000).toISOString()}::timestamptz`,
    );
    if (Number(recent?.n ?? 0) >= RESENDS_PER_HOUR) {
      throw new AppError('rate_limited', `You can re-send ${RESENDS_PER_HOUR} deliveries an hour; try again later.`);
    }
    const mine = and(
      eq(webhookDeliveries.id, input.deliveryId),
      eq(webhookDeliveries.endpointId, input.endpointId),
      eq(webhookDeliveries.userId, input.userId),
    );
    const [claimed] = await tx
      .update(webhookDeliveries)
      .set({ status: 'pending', nextAttemptAt: new Date(now.getTime() + ATTEMPT_LEASE_MS) })
      .where(and(mine, ne(webhookDeliveries.status, 'pending')))
      .returning();
    if (!claimed) {
      const exists = await tx.select({ id: webhookDeliveries.id }).from(webhookDeliveries).where(mine);
      if (exists.length === 0) throw notFound('That delivery');
      throw new AppError('conflict', 'This delivery is still being sent; wait for its attempt to finish.');
    }
    await deps.queue.send(tx, deliveryJobShape, { deliveryId: claimed.id, manual: true });
    return claimed;
  });
  const [view] = await withAttempts(deps.db, [row]);
  return view!;
}
