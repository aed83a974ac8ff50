import { count, eq, sql } from 'drizzle-orm';
import { type CreatedWebhook, type CreateWebhookInput, MAX_WEBHOOK_ENDPOINTS } from '../contracts/webhooks.js';
import { AppError } from '../lib/errors.js';
import { newId } from '../lib/ids.js';
import { checkDestination } from './check-destination.js';
import type { WebhooksContext } from './context.js';
import { newWebhookSecret } from './sign-payload.js';
import { toEndpointView } from './webhooks.queries.js';
import { webhookEndpoints } from './webhooks.schema.js';

/**
 * Registers a receiver for the user's events, with a new signing secret that
 * this answer shows once. The URL must pass the outbound rules now (https, a
 * public address; checked again on every delivery). 422 invalid_input naming
 * `url`; 409 limit_reached past MAX_WEBHOOK_ENDPOINTS.
 */
export async function createWebhook(
  deps: Pick<WebhooksContext, 'db' | 'clock' | 'settings' | 'resolve'>,
  input: { userId: string; request: CreateWebhookInput },
): Promise<CreatedWebhook> {
  const destination = await checkDestination(input.request.url, deps.settings, deps.resolve);
  if (!destination.ok) throw new AppError('invalid_input', destination.reason, { field: 'url' });
  const now = deps.clock.now();
  const row = {
    id: newId(),
    userId: input.userId,
    url: destination.url.href,
    events: input.request.events,
    secret: newWebhookSecret(),
    failingSince: null,
    disabledAt: null,
    createdAt: now,
    updatedAt: now,
  };
  await deps.db.transaction(async (tx) => {
    // Two adds at once must not pass the cap together: the count and the insert run under a per-user lock.
    await tx.execute(sqlLock(input.userId));
    const [held] = await tx.select({ n: count() }).from(webhookEndpoints).where(eq(webhookEndpoints.userId, input.userId));
    if ((held?.n ?? 0) >= MAX_WEBHOOK_ENDPOINTS) {
      throw new AppError('limit_reached', `You can have ${MAX_WEBHOOK_ENDPOINTS} webhook endpoints; delete one first.`);
    }
    await tx.insert(webhookEndpoints).values(row);
  });
  return { ...toEndpointView(row), secret: row.secret };
}

const sqlLock = (userId: string) => sql`select pg_advisory_xact_lock(hashtextextended(${`webhooks:${userId}`}, 0))`;
