import { apiFetch } from './client.js';
import type { CreatedWebhook, WebhookDelivery, WebhookDeliveryList, WebhookEventType, WebhookList } from './contracts.js';

const path = (id: string) => `/api/me/webhooks/${encodeURIComponent(id)}`;

/** GET /api/me/webhooks – the user's endpoints (never their secrets). */
export const listWebhooks = () => apiFetch<WebhookList>('/api/me/webhooks');

/** POST /api/me/webhooks – adds an endpoint; the answer carries its signing secret, shown this once. */
export const createWebhook = (body: { url: string; events: WebhookEventType[] }) =>
  apiFetch<CreatedWebhook>('/api/me/webhooks', { method: 'POST', json: body });

/** DELETE /api/me/webhooks/:id – removes an endpoint and its delivery log (204). */
export const deleteWebhook = (id: string) => apiFetch<undefined>(path(id), { method: 'DELETE' });

/** GET /api/me/webhooks/:id/deliveries – recent deliveries, newest first, with their attempts. */
export const listWebhookDeliveries = (id: string) => apiFetch<WebhookDeliveryList>(`${path(id)}/deliveries`);

/** POST …/deliveries/:deliveryId/resend – one more attempt, now (202). */
export const resendWebhookDelivery = (id: string, deliveryId: string) =>
  apiFetch<WebhookDelivery>(`${path(id)}/deliveries/${encodeURIComponent(deliveryId)}/resend`, { method: 'POST' });
