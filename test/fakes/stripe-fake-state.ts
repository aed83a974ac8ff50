import { randomBytes } from 'node:crypto';

/**
 * The fake Stripe's objects, shaped like Stripe's JSON (only the fields the
 * SDK and AnimeGen read), and the test controls that move them: pay, refund,
 * dispute. Amounts are in minor units, times in Unix seconds.
 */

export interface FakeSession {
  id: string;
  object: 'checkout.session';
  mode: string;
  status: 'open' | 'complete' | 'expired';
  payment_status: 'unpaid' | 'paid';
  client_reference_id: string | null;
  metadata: Record<string, string>;
  amount_total: number;
  currency: string;
  success_url: string;
  cancel_url: string;
  url: string;
  created: number;
  payment_intent: string | null;
  customer_email: string | null;
}

export interface FakeCharge {
  id: string;
  object: 'charge';
  amount: number;
  amount_refunded: number;
  refunded: boolean;
  disputed: boolean;
  payment_intent: string;
  status: 'succeeded';
  paid: true;
  created: number;
}

export interface FakeRefund {
  id: string;
  object: 'refund';
  amount: number;
  charge: string;
  payment_intent: string;
  status: 'succeeded';
  created: number;
}

export interface FakeDispute {
  id: string;
  object: 'dispute';
  amount: number;
  charge: string;
  payment_intent: string;
  status: string;
  reason: string;
  created: number;
}

export const fakeId = (prefix: string) => `${prefix}_test_${randomBytes(12).toString('hex')}`;

export class FakeStripeState {
  readonly sessions = new Map<string, FakeSession>();
  readonly charges = new Map<string, FakeCharge>();
  /** payment intent id → its charge id, once a charge exists. */
  readonly intents = new Map<string, { id: string; sessionId: string; chargeId: string | null }>();
  readonly refunds: FakeRefund[] = [];
  readonly disputes: FakeDispute[] = [];
  /** Seconds added to the real clock: lets a test make sessions that look days old. */
  clockOffsetSeconds = 0;
  private tick = 0;

  /** Strictly increasing, so "newest first" is well defined even within one second. */
  now(): number {
    this.tick += 1;
    return Math.floor(Date.now() / 1000) + this.clockOffsetSeconds + this.tick / 1e6;
  }

  session(id: string): FakeSession {
    const s = this.sessions.get(id);
    if (!s) throw new Error(`fake stripe: no session ${id}`);
    return s;
  }

  chargeOf(sessionId: string): FakeCharge {
    const pi = this.session(sessionId).payment_intent;
    const chargeId = pi ? this.intents.get(pi)?.chargeId : null;
    const charge = chargeId ? this.charges.get(chargeId) : undefined;
    if (!charge) throw new Error(`fake stripe: session ${sessionId} has no charge`);
    return charge;
  }

  /** The buyer finished checkout: paid at once, or (a delayed method) complete but unpaid until asyncSucceed. */
  complete(sessionId: string, opts: { delayed?: boolean } = {}): FakeSession {
    const s = this.session(sessionId);
    if (!s.payment_intent) {
      s.payment_intent = fakeId('pi');
      this.intents.set(s.payment_intent, { id: s.payment_intent, sessionId, chargeId: null });
    }
    s.status = 'complete';
    if (!opts.delayed) this.settle(s);
    return s;
  }

  /** The delayed payment cleared. */
  asyncSucceed(sessionId: string): FakeSession {
    const s = this.complete(sessionId, { delayed: true });
    this.settle(s);
    return s;
  }

  refund(sessionId: string, amount?: number): FakeRefund {
    const charge = this.chargeOf(sessionId);
    const value = amount ?? charge.amount - charge.amount_refunded;
    charge.amount_refunded += value;
    charge.refunded = charge.amount_refunded >= charge.amount;
    const refund: FakeRefund = {
      id: fakeId('re'),
      object: 'refund',
      amount: value,
      charge: charge.id,
      payment_intent: charge.payment_intent,
      status: 'succeeded',
      created: Math.floor(this.now()),
    };
    this.refunds.push(refund);
    return refund;
  }

  dispute(sessionId: string, amount?: number): FakeDispute {
    const charge = this.chargeOf(sessionId);
    charge.disputed = true;
    const dispute: FakeDispute = {
      id: fakeId('dp'),
      object: 'dispute',
      amount: amount ?? charge.amount - charge.amount_refunded,
      charge: charge.id,
      payment_intent: charge.payment_intent,
      status: 'needs_response',
      reason: 'fraudulent',
      created: Math.floor(this.now()),
    };
    this.disputes.push(dispute);
    return dispute;
  }

  /** The session as Stripe answers it, with `payment_intent` / `payment_intent.latest_charge` expanded on request. */
  render(s: FakeSession, expand: string[]): Record<string, unknown> {
    if (!s.payment_intent || !expand.some((e) => e.startsWith('payment_intent'))) return { ...s, created: Math.floor(s.created) };
    const intent = this.intents.get(s.payment_intent);
    const chargeId = intent?.chargeId ?? null;
    const charge = chargeId && expand.includes('payment_intent.latest_charge') ? this.charges.get(chargeId) : chargeId;
    return {
      ...s,
      created: Math.floor(s.created),
      payment_intent: {
        id: s.payment_intent,
        object: 'payment_intent',
        amount: s.amount_total,
        status: s.payment_status === 'paid' ? 'succeeded' : 'processing',
        latest_charge: charge ?? null,
      },
    };
  }

  private settle(s: FakeSession): void {
    if (s.payment_status === 'paid' || !s.payment_intent) return;
    s.payment_status = 'paid';
    const charge: FakeCharge = {
      id: fakeId('ch'),
      object: 'charge',
      amount: s.amount_total,
      amount_refunded: 0,
      refunded: false,
      disputed: false,
      payment_intent: s.payment_intent,
      status: 'succeeded',
      paid: true,
      created: Math.floor(this.now()),
    };
    this.charges.set(charge.id, charge);
    const intent = this.intents.get(s.payment_intent);
    if (intent) intent.chargeId = charge.id;
  }
}
