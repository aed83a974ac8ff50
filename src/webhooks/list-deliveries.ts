import type { WebhookDeliveryList } from '../contracts/webhooks.js';
import type { Db } from '../db/index.js';
import { notFound } from '../lib/errors.js';
import { findEndpoint, listDeliveryViews } from './webhooks.queries.js';

/** How many deliveries the log shows (newest first). */
export const DELIVERY_LOG_LIMIT = 50;

/** The recent deliveries of one of the user's endpoints with every attempt (time, status code or error). 404 for anyone else's. */
export async function listDeliveries(deps: { db: Db }, input: { userId: string; endpointId: string }): Promise<WebhookDeliveryList> {
  const endpoint = await findEndpoint(deps.db, input.userId, input.endpointId);
  if (!endpoint) throw notFound('That webhook');
  return { deliveries: await listDeliveryViews(deps.db, endpoint.id, DELIVERY_LOG_LIMIT) };
}
