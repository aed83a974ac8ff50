import Stripe from 'stripe';
import { fakeId } from './stripe-fake-state.js';

/**
 * Stripe events as the fake sends them: the JSON Stripe posts to a webhook
 * endpoint, signed with the SDK's own generateTestHeaderString, so the
 * signature our server checks is exactly the one Stripe would send.
 */

export interface FakeEvent {
  id: string;
  type: string;
  /** The exact bytes delivered (and signed). */
  payload: string;
}

// Only for its webhook helpers; it never calls an API.
const signer = new Stripe('sk_test_signer_only');

export function makeEvent(type: string, object: Record<string, unknown>): FakeEvent {
  const id = fakeId('evt');
  const body = {
    id,
    object: 'event',
    api_version: Stripe.API_VERSION,
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  };
  return { id, type, payload: JSON.stringify(body, null, 2) };
}

/** The Stripe-Signature header for `payload`: `t=…,v1=…`, as Stripe computes it. */
export function signatureHeader(payload: string, secret: string, timestamp = Math.floor(Date.now() / 1000)): string {
  return signer.webhooks.generateTestHeaderString({ payload, secret, timestamp });
}

export interface DeliveryOptions {
  url: string;
  secret?: string;
  /** Overrides: a different body than the one signed, or a hand-made header (null: none at all). */
  body?: string;
  header?: string | null;
  timestamp?: number;
}

/** POSTs the event like Stripe's delivery does. */
export function deliverEvent(event: FakeEvent, o: DeliveryOptions): Promise<Response> {
  const header = o.header === undefined ? signatureHeader(event.payload, o.secret ?? '', o.timestamp) : o.header;
  return fetch(o.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
      ...(header === null ? {} : { 'stripe-signature': header }),
    },
    body: o.body ?? event.payload,
  });
}
