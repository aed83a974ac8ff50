import Stripe from 'stripe';
import { AppError } from '../lib/errors.js';
import type { ChargeSnapshot, CheckoutRequest, CheckoutSnapshot, PaymentGateway, VerifiedEvent } from './payment-gateway.js';

export interface StripeGatewayOptions {
  secretKey: string;
  webhookSecret: string;
  /** A Stripe-compatible API (a local fake) instead of api.stripe.com. */
  apiBase?: string | null;
}

/** Stripe's own default, passed explicitly: with 0 the SDK would skip the timestamp check altogether. */
const SIGNATURE_TOLERANCE_SECONDS = 300;

/**
 * The PaymentGateway over the official Stripe SDK: a thin adapter that turns
 * Stripe's objects into snapshots and its errors into our vocabulary, so no
 * use case sees an SDK type.
 */
export function createStripeGateway(options: StripeGatewayOptions): PaymentGateway {
  const stripe = new Stripe(options.secretKey, {
    // Retries reuse the request's Idempotency-Key, so a lost response never creates a second session.
    maxNetworkRetries: 2,
    // Webhook deliveries wait on these calls; Stripe gives up on an endpoint after about 20 s.
    timeout: 8_000,
    telemetry: false,
    ...apiBaseOptions(options.apiBase),
  });

  return {
    async createCheckoutSession(input: CheckoutRequest) {
      const { pack, purchaseId } = input;
      const session = await call('create a checkout session', () =>
        stripe.checkout.sessions.create(
          {
            mode: 'payment',
            // Our opaque reference and the pack, nothing about the person (no e-mail, no name, no user id).
            client_reference_id: purchaseId,
            metadata: { purchase_id: purchaseId, pack_id: pack.id },
            payment_intent_data: { metadata: { purchase_id: purchaseId } },
            line_items: [
              { quantity: 1, price_data: { currency: pack.currency, unit_amount: pack.price, product_data: { name: pack.name } } },
            ],
            success_url: input.successUrl,
            cancel_url: input.cancelUrl,
          },
          { idempotencyKey: input.idempotencyKey },
        ),
      );
      if (!session.url) throw unavailable('create a checkout session', new Error('Stripe returned a session without a URL'));
      return { id: session.id, url: session.url };
    },

    async getCheckoutSnapshot(sessionId) {
      let session: Stripe.Checkout.Session;
      try {
        session = await stripe.checkout.sessions.retrieve(sessionId, { expand: ['payment_intent.latest_charge'] });
      } catch (err) {
        if (isMissing(err)) return null;
        throw unavailable('read a checkout session', err);
      }
      const intent = typeof session.payment_intent === 'object' ? session.payment_intent : null;
      const latest = intent && typeof intent.latest_charge === 'object' ? intent.latest_charge : null;
      return {
        sessionId: session.id,
        purchaseId: session.metadata?.purchase_id ?? session.client_reference_id ?? null,
        status: sessionStatus(session.status),
        paid: session.payment_status === 'paid',
        paymentIntentId: idOf(session.payment_intent),
        charge: latest ? await chargeSnapshot(stripe, latest) : null,
      } satisfies CheckoutSnapshot;
    },

    async findSessionIdForPaymentIntent(paymentIntentId) {
      const page = await call('find a checkout session', () =>
        stripe.checkout.sessions.list({ payment_intent: paymentIntentId, limit: 1 }),
      );
      return page.data[0]?.id ?? null;
    },

    async listPaidSessions(since) {
      const found: { sessionId: string; purchaseId: string | null }[] = [];
      await call('list checkout sessions', async () => {
        const created = { gte: Math.floor(since.getTime() / 1000) };
        for await (const s of stripe.checkout.sessions.list({ created, status: 'complete', limit: 100 })) {
          if (s.payment_status !== 'paid') continue;
          found.push({ sessionId: s.id, purchaseId: s.metadata?.purchase_id ?? s.client_reference_id ?? null });
        }
      });
      return found;
    },

    verifyEvent(rawBody, signature, now) {
      let event: Stripe.Event;
      try {
        event = stripe.webhooks.constructEvent(
          rawBody,
          signature ?? '',
          options.webhookSecret,
          SIGNATURE_TOLERANCE_SECONDS,
          undefined,
          now.getTime(),
        );
      } catch (err) {
        throw new AppError('invalid_signature', 'The webhook signature does not match.', { detail: (err as Error).message });
      }
      return toVerifiedEvent(event);
    },
  };
}

/** STRIPE_API_BASE → the SDK's host/port/protocol options. */
function apiBaseOptions(apiBase: string | null | undefined) {
  if (!apiBase) return {};
  const url = new URL(apiBase);
  const protocol = url.protocol === 'http:' ? ('http' as const) : ('https' as const);
  return { host: url.hostname, port: url.port || (protocol === 'http' ? '80' : '443'), protocol };
}

async function chargeSnapshot(stripe: Stripe, charge: Stripe.Charge): Promise<ChargeSnapshot> {
  const refunds: ChargeSnapshot['refunds'] = [];
  const disputes: ChargeSnapshot['disputes'] = [];
  // Lists are read only when the charge says there is something to read.
  if (charge.amount_refunded > 0) {
    await call('list refunds', async () => {
      for await (const r of stripe.refunds.list({ charge: charge.id, limit: 100 })) {
        if (r.status === 'failed' || r.status === 'canceled') continue;
        refunds.push({ id: r.id, amount: r.amount, created: r.created });
      }
    });
  }
  if (charge.disputed) {
    await call('list disputes', async () => {
      for await (const d of stripe.disputes.list({ charge: charge.id, limit: 100 })) {
        disputes.push({ id: d.id, amount: d.amount, status: d.status, created: d.created });
      }
    });
  }
  const chronological = (a: { created: number; id: string }, b: { created: number; id: string }) =>
    a.created - b.created || a.id.localeCompare(b.id);
  return {
    id: charge.id,
    amount: charge.amount,
    amountRefunded: charge.amount_refunded,
    refunds: refunds.sort(chronological),
    disputes: disputes.sort(chronological),
  };
}

function toVerifiedEvent(event: Stripe.Event): VerifiedEvent {
  const object = event.data.object as { object?: string; id?: string; payment_intent?: unknown };
  const isSession = object.object === 'checkout.session';
  const isChargeOrDispute = object.object === 'charge' || object.object === 'dispute';
  return {
    id: event.id,
    type: event.type,
    sessionId: isSession ? (object.id ?? null) : null,
    paymentIntentId: isChargeOrDispute ? idOf(object.payment_intent as string | { id: string } | null) : null,
  };
}

const sessionStatus = (s: string | null): CheckoutSnapshot['status'] =>
  s === 'complete' ? 'complete' : s === 'expired' ? 'expired' : 'open';

const idOf = (v: string | { id: string } | null | undefined): string | null => (typeof v === 'string' ? v : (v?.id ?? null));

const isMissing = (err: unknown) => err instanceof Stripe.errors.StripeError && err.code === 'resource_missing';

/** Stripe could not be reached or refused: a retryable failure, never a silent success. */
function unavailable(what: string, err: unknown): AppError {
  const e = err as { type?: string; message?: string };
  return new AppError('payment_provider_unavailable', 'Payments are not available right now. Please try again in a moment.', {
    detail: `could not ${what}: ${e.type ?? 'Error'}: ${e.message ?? String(err)}`,
  });
}

async function call<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw unavailable(what, err);
  }
}
