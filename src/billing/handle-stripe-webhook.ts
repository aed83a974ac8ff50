import { isEventProcessed, markEventProcessed, unsafeFindSessionIdByPaymentIntent } from './billing.queries.js';
import { type BillingContext, requireGateway } from './context.js';
import { fulfilCheckout } from './fulfil-checkout.js';
import type { VerifiedEvent } from './payment-gateway.js';

export interface WebhookOutcome {
  received: true;
  /** This event id was handled to the end before; nothing was done again. */
  duplicate: boolean;
}

/**
 * A Stripe webhook: verify the signature over the raw bytes (else
 * invalid_signature and no write), skip an event already handled, and
 * otherwise hand the purchase it concerns to fulfilCheckout, which reads
 * Stripe's current state, so neither repeats nor order matter. The event is
 * recorded as handled only after its effects committed: a crash in between
 * means Stripe retries and fulfilment finds nothing left to do.
 * A failure reading Stripe throws (5xx), so Stripe delivers the event again.
 */
export async function handleStripeWebhook(
  ctx: Pick<BillingContext, 'db' | 'gateway' | 'clock' | 'log' | 'creditsChanged' | 'faults'>,
  input: { rawBody: Buffer; signature: string | undefined },
): Promise<WebhookOutcome> {
  const gateway = requireGateway(ctx);
  const event = gateway.verifyEvent(input.rawBody, input.signature, ctx.clock.now());
  if (await isEventProcessed(ctx.db, event.id)) return { received: true, duplicate: true };
  const sessionId = await sessionOf(ctx, event);
  if (sessionId) await fulfilCheckout(ctx, { sessionId });
  await markEventProcessed(ctx.db, event);
  return { received: true, duplicate: false };
}

/** Which checkout session an event concerns, or null when it is not ours to handle. */
async function sessionOf(ctx: Pick<BillingContext, 'db' | 'gateway' | 'log'>, event: VerifiedEvent): Promise<string | null> {
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded':
      return event.sessionId;
    case 'charge.refunded':
    case 'charge.dispute.created': {
      if (!event.paymentIntentId) return null;
      // Known locally once fulfilled; a refund or dispute may also arrive first, so ask Stripe then.
      const known = await unsafeFindSessionIdByPaymentIntent(ctx.db, event.paymentIntentId);
      return known ?? (await requireGateway(ctx).findSessionIdForPaymentIntent(event.paymentIntentId));
    }
    default:
      ctx.log.debug({ eventId: event.id, type: event.type }, 'stripe event type not handled; acknowledged');
      return null;
  }
}
