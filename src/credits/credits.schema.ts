import { bigserial, index, integer, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';

/*
 * Every user_id here references "user"(id) in the database (see the migrations;
 * db/foreign-keys.db.test.ts lists each with its ON DELETE rule). The schema
 * does not say so, because that would import the accounts module's tables.
 */

/** One row per user: the current balance, kept in step with credit_entries by the ledger module. */
export const creditBalances = pgTable(
  'credit_balances',
  {
    userId: text('user_id').primaryKey(),
    balance: integer('balance').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // No CHECK (balance >= 0): a chargeback may take back credits already spent,
  // leaving recorded debt. Every other movement is guarded in credits/.
);

/**
 * Append-only ledger. (kind, reference) is unique, so a retried grant, debit or
 * refund cannot apply twice.
 */
export const creditEntries = pgTable(
  'credit_entries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    // Ledger rows outlive their account (legal retention): never cascade.
    userId: text('user_id').notNull(),
    delta: integer('delta').notNull(),
    /** One of CreditKind in src/credits/credits.queries.ts. */
    kind: text('kind').notNull(),
    reference: text('reference').notNull(),
    balanceAfter: integer('balance_after').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('credit_entries_kind_reference').on(t.kind, t.reference), index('credit_entries_user_idx').on(t.userId, t.id)],
);
