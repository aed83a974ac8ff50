import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from './webhooks.schema.js';

/**
 * For the user's data export: every endpoint (without its signing secret, a
 * credential) with its deliveries, each with the body it sent and every attempt.
 */
export async function exportUserData(db: Db, userId: string) {
  const endpoints = await db
    .select()
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.userId, userId))
    .orderBy(asc(webhookEndpoints.createdAt));
  const deliveries = await db
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.userId, userId))
    .orderBy(asc(webhookDeliveries.createdAt), asc(webhookDeliveries.id));
  const attempts = deliveries.length
    ? await db
        .select()
        .from(webhookAttempts)
        .where(
          inArray(
            webhookAttempts.deliveryId,
            deliveries.map((d) => d.id),
          ),
        )
        .orderBy(asc(webhookAttempts.id))
    : [];
  return {
    webhooks: endpoints.map((e) => ({
      id: e.id,
      url: e.url,
      events: e.events,
      failingSince: e.failingSince?.toISOString() ?? null,
      disabledAt: e.disabledAt?.toISOString() ?? null,
      createdAt: e.createdAt.toISOString(),
      updatedAt: e.updatedAt.toISOString(),
      deliveries: deliveries
        .filter((d) => d.endpointId === e.id)
        .map((d) => ({
          id: d.id,
          eventType: d.eventType,
          body: d.body,
          status: d.status,
          attempts: d.attempts,
          lastStatusCode: d.lastStatusCode,
          lastError: d.lastError,
          lastAttemptAt: d.lastAttemptAt?.toISOString() ?? null,
          nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
          createdAt: d.createdAt.toISOString(),
          attemptLog: attempts
            .filter((a) => a.deliveryId === d.id)
            .map((a) => ({ at: a.at.toISOString(), statusCode: a.statusCode, error: a.error, durationMs: a.durationMs, manual: a.manual })),
        })),
    })),
  };
}

/** Erases the user's endpoints with their deliveries and attempts (the keys to "user" would cascade too; this keeps erasure explicit). No files. */
export async function eraseUserData(tx: Db, userId: string): Promise<{ files: string[] }> {
  await tx.delete(webhookDeliveries).where(eq(webhookDeliveries.userId, userId));
  await tx.delete(webhookEndpoints).where(eq(webhookEndpoints.userId, userId));
  return { files: [] };
}
