import { apiFetch } from './client.js';
import type { Billing, CheckoutResponse, FulfilResponse } from './contracts.js';

/** GET /api/billing – whether buying is possible, the packs and the user's purchases. */
export const getBilling = () => apiFetch<Billing>('/api/billing');

/** POST /api/billing/checkout – Stripe's checkout URL for one pack. */
export const startCheckout = (packId: string) => apiFetch<CheckoutResponse>('/api/billing/checkout', { method: 'POST', json: { packId } });

/** POST /api/billing/fulfil – back from Stripe: credit the purchase now (idempotent). */
export const fulfilCheckout = (sessionId: string) =>
  apiFetch<FulfilResponse>('/api/billing/fulfil', { method: 'POST', json: { sessionId } });
