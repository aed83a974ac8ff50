import { bigint, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/*
 * Every user_id here references "user"(id) in the database (see the migrations;
 * db/foreign-keys.db.test.ts lists each with its ON DELETE rule). The schema
 * does not say so, because that would import the accounts module's tables.
 */

/** A user's request for an archive of their data; the file expires after 7 days. */
export const dataExports = pgTable(
  'data_exports',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    /** queued | running | ready | failed */
    status: text('status').notNull(),
    progress: integer('progress').notNull().default(0),
    storageKey: text('storage_key'),
    /** Archives can pass 2 GB (integer's limit). */
    bytes: bigint('bytes', { mode: 'number' }),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
  },
  (t) => [index('data_exports_user_idx').on(t.userId, t.createdAt)],
);

/**
 * Privacy requests (objection, access question, child report, other) from users
 * or from anyone through the public form; an operator answers within 30 days.
 */
export const privacyRequests = pgTable(
  'privacy_requests',
  {
    id: text('id').primaryKey(),
    /** Null for requests from people without an account (or a deleted one). */
    userId: text('user_id'),
    email: text('email').notNull(),
    /** objection | access | deletion | child_account | other */
    kind: text('kind').notNull(),
    message: text('message').notNull(),
    /** open | in_progress | done | rejected */
    status: text('status').notNull(),
    resolution: text('resolution'),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('privacy_requests_status_idx').on(t.status, t.dueAt)],
);

/** Which version of the privacy policy each user acknowledged, and when (consent history). */
export const policyAcknowledgements = pgTable(
  'policy_acknowledgements',
  {
    userId: text('user_id').notNull(),
    version: text('version').notNull(),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.version] })],
);
