import { index, integer, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';

/*
 * Every user_id here references "user"(id) in the database (see the migrations;
 * db/foreign-keys.db.test.ts lists each with its ON DELETE rule). The schema
 * does not say so, because that would import the accounts module's tables.
 */

/**
 * One credit-pack purchase through Stripe Checkout. Billing metadata only:
 * Stripe's object ids, amounts and states, never card data or anything about
 * the payer. `id` is our opaque reference, the only thing Stripe learns about us.
 */
export const purchases = pgTable(
  'purchases',
  {
    id: text('id').primaryKey(),
    // Financial records outlive the account (legal retention), like the ledger.
    userId: text('user_id').notNull(),
    packId: text('pack_id').notNull(),
    /** Snapshot of the pack at checkout time, so later price changes do not rewrite history. */
    packName: text('pack_name').notNull(),
    credits: integer('credits').notNull(),
    /** Price in the currency's minor unit (cents; yen for JPY). */
    amount: integer('amount').notNull(),
    currency: text('currency').notNull(),
    /** pending | open | processing | paid | failed (see src/billing/purchase-status.ts) */
    status: text('status').notNull(),
    checkoutSessionId: text('checkout_session_id').unique(),
    paymentIntentId: text('payment_intent_id'),
    chargeId: text('charge_id'),
    /** Minor units refunded so far, as Stripe reports it (only ever grows). */
    refundedAmount: integer('refunded_amount').notNull().default(0),
    /** Stripe's dispute status (needs_response, under_review, won, lost, …) or null. */
    disputeStatus: text('dispute_status'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    disputedAt: timestamp('disputed_at', { withTimezone: true }),
  },
  (t) => [index('purchases_user_idx').on(t.userId, t.createdAt), index('purchases_payment_intent_idx').on(t.paymentIntentId)],
);

/**
 * Accounts an operator should look at (today: a payment was disputed). One row
 * per reason and reference, so a replayed dispute flags once.
 */
export const accountReviewFlags = pgTable(
  'account_review_flags',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    /** dispute */
    reason: text('reason').notNull(),
    /** What caused it, e.g. the Stripe dispute id. */
    reference: text('reference').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [unique('account_review_flags_reason_reference').on(t.reason, t.reference), index('account_review_flags_user_idx').on(t.userId)],
);

/**
 * Stripe events handled to the end. Written only after an event's effects
 * committed, so a repeat delivery is answered without calling Stripe again;
 * correctness never depends on it (the ledger's (kind, reference) key does that).
 */
export const stripeEvents = pgTable('stripe_events', {
  id: text('id').primaryKey(),
  type: text('type').notNull(),
  processedAt: timestamp('processed_at', { withTimezone: true }).notNull().defaultNow(),
});
