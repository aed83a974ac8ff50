import { z } from 'zod';
import { generationSchema } from './api.js';
import { text } from './text.js';

/** The events a webhook endpoint may subscribe to; a closed list so every one has a translation and a payload schema. */
export const webhookEventTypes = ['generation.succeeded', 'generation.failed', 'credits.low'] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];

/** pending: an attempt is queued or a retry is scheduled; succeeded: a receiver answered 2xx; failed: retries spent (or the endpoint was disabled). */
export const webhookDeliveryStatuses = ['pending', 'succeeded', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof webhookDeliveryStatuses)[number];

/** Endpoints one account may keep. */
export const MAX_WEBHOOK_ENDPOINTS = 5;

/** POST /api/me/webhooks – where to send which events (the URL is checked again on every delivery). */
export const createWebhookSchema = z
  .object({
    url: text().trim().min(1).max(2000),
    events: z
      .array(z.enum(webhookEventTypes))
      .min(1, 'Choose at least one event')
      .refine((events) => new Set(events).size === events.length, 'An event is listed twice'),
  })
  .strict();
export type CreateWebhookInput = z.infer<typeof createWebhookSchema>;

/** An endpoint as its owner's list shows it; never the secret. */
export const webhookEndpointSchema = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.enum(webhookEventTypes)),
  /** False once deliveries stopped because the endpoint kept failing for three days (delete it and add it again). */
  enabled: z.boolean(),
  disabledAt: z.string().nullable(),
  /** Since when every attempt has failed; null while it works. */
  failingSince: z.string().nullable(),
  createdAt: z.string(),
});
export type WebhookEndpoint = z.infer<typeof webhookEndpointSchema>;

/** The answer to a new endpoint: the only time its signing secret is shown. */
export const createdWebhookSchema = webhookEndpointSchema.extend({
  /** `whsec_<base64>` (Standard Webhooks): verify each delivery's `webhook-signature` with it. Shown once. */
  secret: z.string(),
});
export type CreatedWebhook = z.infer<typeof createdWebhookSchema>;

export const webhookListSchema = z.object({ endpoints: z.array(webhookEndpointSchema), max: z.number().int() });
export type WebhookList = z.infer<typeof webhookListSchema>;

export const webhookAttemptSchema = z.object({
  at: z.string(),
  /** The receiver's HTTP status; null when there was no answer (refused address, timeout, connection error). */
  statusCode: z.number().int().nullable(),
  error: z.string().nullable(),
  durationMs: z.number().int(),
  /** The owner asked for it (Re-send). */
  manual: z.boolean(),
});

export const webhookDeliverySchema = z.object({
  /** Also the `webhook-id` header of every attempt. */
  id: z.string(),
  eventType: z.enum(webhookEventTypes),
  status: z.enum(webhookDeliveryStatuses),
  attempts: z.number().int(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  /** When the next automatic attempt is due (pending only). */
  nextAttemptAt: z.string().nullable(),
  createdAt: z.string(),
  /** Oldest first. */
  attemptLog: z.array(webhookAttemptSchema),
});
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;

export const webhookDeliveryListSchema = z.object({ deliveries: z.array(webhookDeliverySchema) });
export type WebhookDeliveryList = z.infer<typeof webhookDeliveryListSchema>;

/**
 * What a receiver gets (Standard Webhooks' `{ type, timestamp, data }`):
 * a generation's data is the generation as GET /api/generations/:id shows it
 * (file URLs are this server's: the owner's session or an API key with `read`); credits.low's is
 * the balance and the threshold it fell below.
 */
export const webhookPayloadSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('generation.succeeded'), timestamp: z.string(), data: generationSchema }),
  z.object({ type: z.literal('generation.failed'), timestamp: z.string(), data: generationSchema }),
  z.object({
    type: z.literal('credits.low'),
    timestamp: z.string(),
    data: z.object({ balance: z.number().int(), threshold: z.number().int() }),
  }),
]);
export type WebhookPayload = z.infer<typeof webhookPayloadSchema>;
