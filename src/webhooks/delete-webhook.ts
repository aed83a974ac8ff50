import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { notFound } from '../lib/errors.js';
import { webhookEndpoints } from './webhooks.schema.js';

/** Deletes one of the user's endpoints with its delivery log; attempts still queued find nothing and send nothing. 404 for anyone else's. */
export async function deleteWebhook(deps: { db: Db }, input: { userId: string; endpointId: string }): Promise<void> {
  const deleted = await deps.db
    .delete(webhookEndpoints)
    .where(and(eq(webhookEndpoints.id, input.endpointId), eq(webhookEndpoints.userId, input.userId)))
    .returning({ id: webhookEndpoints.id });
  if (deleted.length === 0) throw notFound('That webhook');
}
