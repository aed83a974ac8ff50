import { MAX_WEBHOOK_ENDPOINTS, type WebhookList } from '../contracts/webhooks.js';
import type { Db } from '../db/index.js';
import { listEndpointRows, toEndpointView } from './webhooks.queries.js';

/** The user's endpoints, oldest first, without their secrets (shown once, at creation). */
export async function listWebhooks(deps: { db: Db }, input: { userId: string }): Promise<WebhookList> {
  const rows = await listEndpointRows(deps.db, input.userId);
  return { endpoints: rows.map(toEndpointView), max: MAX_WEBHOOK_ENDPOINTS };
}
