import { randomUUID } from 'node:crypto';
import type { Db } from '../../src/db/index.js';
import { tables } from './tables.js';

/**
 * A webhook endpoint of the user's with one failed delivery (one attempt that
 * got HTTP 500), written as the webhooks module would: for tests about who may
 * see or export it, where no receiver is reached. Failed, so the worker's retry
 * sweeper leaves it alone.
 */
export async function givenFailedWebhookDelivery(db: Db, userId: string, o: { url: string; body: string }) {
  const now = new Date();
  const endpointId = randomUUID();
  const deliveryId = randomUUID();
  await db.insert(tables.webhookEndpoints).values({
    ...{ id: endpointId, userId, url: o.url, events: ['generation.succeeded'] },
    ...{ secret: 'whsec_c2VjcmV0LW5vdC1pbi10aGUtZXhwb3J0', failingSince: now, disabledAt: null, createdAt: now, updatedAt: now },
  });
  await db.insert(tables.webhookDeliveries).values({
    ...{ id: deliveryId, endpointId, userId, eventType: 'generation.succeeded', body: o.body, status: 'failed', attempts: 1 },
    ...{ lastStatusCode: 500, lastError: 'HTTP 500', lastAttemptAt: now, nextAttemptAt: null, createdAt: now },
  });
  await db.insert(tables.webhookAttempts).values({ deliveryId, at: now, statusCode: 500, error: 'HTTP 500', durationMs: 12 });
  return { endpointId, deliveryId };
}
