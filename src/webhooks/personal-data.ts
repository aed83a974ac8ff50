import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { withAttempts } from './webhooks.queries.js';
import { webhookDeliveries, webhookEndpoints } from './webhooks.schema.js';

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
  const views = await withAttempts(db, deliveries);
  const rowOf = new Map(deliveries.map((d) => [d.id, d]));
  return {
    webhooks: endpoints.map((e) => ({
      id: e.id,
      url: e.url,
      events: e.events,
      failingSince: e.failingSince?.toISOString() ?? null,
      disabledAt: e.disabledAt?.toISOString() ?? null,
      createdAt: e.createdAt.toISOString(),
      updatedAt: e.updatedAt.toISOString(),
      // Each with the body it sent: what the receiver got is the user's data too.
      deliveries: views.filter((d) => rowOf.get(d.id)?.endpointId === e.id).map((d) => ({ ...d, body: rowOf.get(d.id)?.body })),
    })),
  };
}

/** Erases the user's endpoints with their deliveries and attempts (the keys to "user" would cascade too; this keeps erasure explicit). No files. */
export async function eraseUserData(tx: Db, userId: string): Promise<{ files: string[] }> {
  await tx.delete(webhookDeliveries).where(eq(webhookDeliveries.userId, userId));
  await tx.delete(webhookEndpoints).where(eq(webhookEndpoints.userId, userId));
  return { files: [] };
}
