import type { CreditPack } from './packs.js';

/**
 * The payment provider as billing's use cases see it. One implementation
 * (stripe-gateway.ts, the official SDK); tests point that one at a local fake
 * of Stripe's HTTP API, so the SDK's own request building and signing is tested too.
 *
 * Every method reads the provider's CURRENT state: events only say where to
 * look, because Stripe neither orders nor de-duplicates them.
 */
export interface PaymentGateway {
  /** Creates a hosted checkout page for one pack. The same idempotency key always yields the same session. */
  createCheckoutSession(input: CheckoutRequest): Promise<{ id: string; url: string }>;
  /** The session with its payment, charge, refunds and disputes; null when the provider does not know it. */
  getCheckoutSnapshot(sessionId: string): Promise<CheckoutSnapshot | null>;
  /** The checkout session that created this payment, if any. */
  findSessionIdForPaymentIntent(paymentIntentId: string): Promise<string | null>;
  /** Completed, paid sessions created at or after `since`, newest first. */
  listPaidSessions(since: Date): Promise<{ sessionId: string; purchaseId: string | null }[]>;
  /** Checks a webhook's signature over its raw bytes (5 minutes' tolerance); throws AppError invalid_signature. */
  verifyEvent(rawBody: Buffer, signature: string | undefined, now: Date): VerifiedEvent;
}

export interface CheckoutRequest {
  /** Our opaque purchase id: the only link between Stripe's records and ours. */
  purchaseId: string;
  pack: CreditPack;
  successUrl: string;
  cancelUrl: string;
  idempotencyKey: string;
}

export interface CheckoutSnapshot {
  sessionId: string;
  /** Our purchase id from the session's metadata / client_reference_id; null for sessions we did not create. */
  purchaseId: string | null;
  status: 'open' | 'complete' | 'expired';
  /** Money has arrived (payment_status = paid): the only state that earns credits. */
  paid: boolean;
  paymentIntentId: string | null;
  charge: ChargeSnapshot | null;
}

export interface ChargeSnapshot {
  id: string;
  amount: number;
  amountRefunded: number;
  /** Refunds that are not failed or cancelled, oldest first. */
  refunds: { id: string; amount: number; created: number }[];
  /** Every dispute on the charge, oldest first. */
  disputes: { id: string; amount: number; status: string; created: number }[];
}

/** A webhook event after its signature was checked, reduced to where to look. */
export interface VerifiedEvent {
  id: string;
  type: string;
  /** For checkout.session.* events. */
  sessionId: string | null;
  /** For charge.* events (charge.refunded, charge.dispute.created). */
  paymentIntentId: string | null;
}
