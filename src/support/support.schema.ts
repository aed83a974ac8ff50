import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { SupportCategory, SupportStatus } from '../contracts/support.js';

/*
 * support_requests.user_id references "user"(id) ON DELETE CASCADE in the
 * database (see the migration; db/foreign-keys.db.test.ts pins it): a request
 * is the user's own words and goes with their account. The schema does not
 * say so, because that would import the accounts module's tables.
 * generation_id and purchase_id carry no key either: they are the user's
 * pointer for the operator, checked when written, and a generation deleted
 * later must not take the conversation with it.
 */

/** A support request: what it is about, where it stands, and what it points at. */
export const supportRequests = pgTable(
  'support_requests',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    category: text('category').$type<SupportCategory>().notNull(),
    subject: text('subject').notNull(),
    status: text('status').$type<SupportStatus>().notNull(),
    /** The user's generation or purchase it is about (checked to be theirs when written). */
    generationId: text('generation_id'),
    purchaseId: text('purchase_id'),
    /** When the user last wrote without an answer; null once an operator replied or closed it. The inbox's order. */
    waitingSince: timestamp('waiting_since', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('support_requests_user_idx').on(t.userId, t.createdAt), index('support_requests_inbox_idx').on(t.status, t.waitingSince)],
);

/** One message of a request's thread, from the user or an operator. */
export const supportMessages = pgTable(
  'support_messages',
  {
    id: text('id').primaryKey(),
    requestId: text('request_id')
      .notNull()
      .references(() => supportRequests.id, { onDelete: 'cascade' }),
    author: text('author').$type<'user' | 'operator'>().notNull(),
    /** The operator's account (kept by id only, like the audit log); null for the user's own messages. */
    operatorId: text('operator_id'),
    body: text('body').notNull(),
    /** An operator reply's e-mail went out (the notice job skips it when run again). */
    notifiedAt: timestamp('notified_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('support_messages_request_idx').on(t.requestId, t.createdAt)],
);
