import type { Db } from '../db/index.js';
import type { Clock } from '../lib/clock.js';
import { AppError } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';
import type { CreditPack } from './packs.js';
import type { PaymentGateway } from './payment-gateway.js';

/** Everything the billing use cases may use; built once in deps.ts. */
export interface BillingContext {
  db: Db;
  log: Logger;
  clock: Clock;
  /** Null when Stripe is not configured: every billing action then answers billing_disabled. */
  gateway: PaymentGateway | null;
  packs: CreditPack[];
  /** Where Stripe sends the buyer back to. */
  publicUrl: string;
  /** Checkouts one user may start per hour. */
  checkoutLimitPerHour: number;
  /** Tells the user's open tabs that the balance moved (best effort, after commit). */
  creditsChanged(userId: string): void;
  /** Tests only: throw just before or just after fulfilment commits, to prove a retry applies once. */
  faults?: FulfilmentFaults;
}

export interface FulfilmentFaults {
  beforeCommit?(sessionId: string): void;
  afterCommit?(sessionId: string): void;
}

/** The gateway, or billing_disabled when this server has no Stripe keys. */
export function requireGateway(ctx: Pick<BillingContext, 'gateway'>): PaymentGateway {
  if (!ctx.gateway) throw new AppError('billing_disabled', 'Payments are not set up on this server.');
  return ctx.gateway;
}
