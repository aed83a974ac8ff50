import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import type { WebhooksContext } from './context.js';
import { type AttemptResult, postWebhook } from './post-webhook.js';
import { DISABLE_AFTER_MS, retryGapSeconds } from './retry-schedule.js';
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from './webhooks.schema.js';

/**
 * One attempt of one delivery (the webhook.deliver job). Skips a delivery
 * that is gone (its endpoint deleted), no longer pending, or whose endpoint
 * was disabled (unless the owner asked by hand). Records the attempt and its
 * outcome in one transaction: a 2xx ends it (and clears the endpoint's
 * failure streak, turning a disabled endpoint back on); a failure schedules
 * the next automatic attempt (retry-schedule.ts) or, when they are spent or
 * it was a re-send, fails it. An endpoint failing for DISABLE_AFTER_MS is
 * disabled in that transaction, its pending deliveries failed, and
 * `onDisabled` (the owner's e-mail job) commits with it. At least once: a
 * worker killed mid-attempt sends again with the same webhook-id.
 */
export async function deliverWebhook(
  deps: Pick<WebhooksContext, 'db' | 'clock' | 'log' | 'settings' | 'resolve'>,
  input: { deliveryId: string; manual: boolean },
  onDisabled: (tx: Db, endpointId: string) => Promise<void>,
): Promise<void> {
  const [found] = await deps.db
    .select({
      delivery: webhookDeliveries,
      url: webhookEndpoints.url,
      secret: webhookEndpoints.secret,
      disabledAt: webhookEndpoints.disabledAt,
    })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(eq(webhookDeliveries.id, input.deliveryId));
  if (found?.delivery.status !== 'pending') return;
  if (found.disabledAt && !input.manual) return;
  const { delivery } = found;
  const at = deps.clock.now();
  const result = await postWebhook(deps, { url: found.url, secret: found.secret, id: delivery.id, timestamp: at, body: delivery.body });
  const attempt = delivery.attempts + 1;
  const succeeded = result.error === null;
  const gap = succeeded || input.manual ? null : retryGapSeconds(attempt);
  await deps.db.transaction(async (tx) => {
    // CAS on the attempt count: a second run of the same attempt (a retried job) records nothing twice.
    const moved = await tx
      .update(webhookDeliveries)
      .set({
        status: succeeded ? 'succeeded' : gap === null ? 'failed' : 'pending',
        attempts: attempt,
        lastStatusCode: result.statusCode,
        lastError: result.error,
        lastAttemptAt: at,
        nextAttemptAt: gap === null ? null : new Date(at.getTime() + gap * 1000),
      })
      .where(and(eq(webhookDeliveries.id, delivery.id), eq(webhookDeliveries.attempts, delivery.attempts)))
      .returning({ id: webhookDeliveries.id });
    if (moved.length === 0) return;
    await tx.insert(webhookAttempts).values({ deliveryId: delivery.id, at, ...attemptColumns(result), manual: input.manual });
    if (succeeded) {
      await tx
        .update(webhookEndpoints)
        .set({ failingSince: null, disabledAt: null, updatedAt: at })
        .where(eq(webhookEndpoints.id, delivery.endpointId));
      return;
    }
    await noteFailure(tx, { endpointId: delivery.endpointId, at }, onDisabled, deps.log);
  });
}

function attemptColumns(result: AttemptResult) {
  return { statusCode: result.statusCode, error: result.error, durationMs: result.durationMs };
}

/** Starts (or continues) the endpoint's failure streak; past DISABLE_AFTER_MS, disables it and fails its pending deliveries. */
async function noteFailure(
  tx: Db,
  p: { endpointId: string; at: Date },
  onDisabled: (tx: Db, endpointId: string) => Promise<void>,
  log: WebhooksContext['log'],
): Promise<void> {
  const [endpoint] = await tx
    .update(webhookEndpoints)
    .set({ failingSince: sql`coalesce(${webhookEndpoints.failingSince}, ${p.at.toISOString()}::timestamptz)`, updatedAt: p.at })
    .where(eq(webhookEndpoints.id, p.endpointId))
    .returning({ failingSince: webhookEndpoints.failingSince, disabledAt: webhookEndpoints.disabledAt });
  if (!endpoint?.failingSince || endpoint.disabledAt) return;
  if (p.at.getTime() - endpoint.failingSince.getTime() < DISABLE_AFTER_MS) return;
  const disabled = await tx
    .update(webhookEndpoints)
    .set({ disabledAt: p.at, updatedAt: p.at })
    .where(and(eq(webhookEndpoints.id, p.endpointId), isNull(webhookEndpoints.disabledAt)))
    .returning({ id: webhookEndpoints.id });
  if (disabled.length === 0) return;
  await tx
    .update(webhookDeliveries)
    .set({ status: 'failed', nextAttemptAt: null })
    .where(and(eq(webhookDeliveries.endpointId, p.endpointId), eq(webhookDeliveries.status, 'pending')));
  await onDisabled(tx, p.endpointId);
  log.warn({ endpointId: p.endpointId }, 'webhook endpoint disabled after failing for three days');
}
