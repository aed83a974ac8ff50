import { bigserial, boolean, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { WebhookDeliveryStatus, WebhookEventType } from '../contracts/webhooks.js';

/*
 * webhook_endpoints.user_id and webhook_deliveries.user_id reference "user"(id)
 * ON DELETE CASCADE in the database (see the migration; db/foreign-keys.db.test.ts
 * pins them): an endpoint and its log are the user's own and go with the account.
 * The schema does not say so, because that would import the accounts module's tables.
 */

/** A user's receiver: where events go, which ones, and the secret that signs them. */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    url: text('url').notNull(),
    events: text('events').array().$type<WebhookEventType[]>().notNull(),
    /** `whsec_<base64>`: kept as is, since every delivery is signed with it; shown to the owner once, at creation. */
    secret: text('secret').notNull(),
    /** Since when every attempt has failed (null after a success); three days of it disables the endpoint. */
    failingSince: timestamp('failing_since', { withTimezone: true }),
    /** Set when deliveries stopped (failing for three days); null while it receives events. */
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('webhook_endpoints_user_idx').on(t.userId, t.createdAt)],
);

/**
 * One event for one endpoint (a Standard Webhooks message): its body exactly as
 * signed and sent on every attempt, and where its delivery stands.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    /** Also the `webhook-id` header: the same on every attempt, so a receiver can drop repeats. */
    id: text('id').primaryKey(),
    endpointId: text('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    eventType: text('event_type').$type<WebhookEventType>().notNull(),
    /** The JSON sent (`{ type, timestamp, data }`), as text: the signature covers these exact bytes. */
    body: text('body').notNull(),
    status: text('status').$type<WebhookDeliveryStatus>().notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    /** While pending: when the retry sweeper (re)queues it. A queued attempt holds it 10 minutes ahead (its lease). */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('webhook_deliveries_endpoint_idx').on(t.endpointId, t.createdAt),
    index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt),
    index('webhook_deliveries_created_idx').on(t.createdAt),
  ],
);

/** One try of a delivery: when, what the receiver answered (or why there was no answer), and whether the owner asked for it. */
export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    deliveryId: text('delivery_id')
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull(),
    statusCode: integer('status_code'),
    error: text('error'),
    durationMs: integer('duration_ms').notNull(),
    manual: boolean('manual').notNull().default(false),
  },
  (t) => [index('webhook_attempts_delivery_idx').on(t.deliveryId, t.id)],
);
