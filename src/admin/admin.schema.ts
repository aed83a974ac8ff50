import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Something only an operator can fix (our provider account out of credits, a
 * bad key), shown to operators as a banner until resolved. Repeats of an open
 * alert count up instead of adding rows. Holds no personal data.
 */
export const operatorAlerts = pgTable(
  'operator_alerts',
  {
    id: text('id').primaryKey(),
    /** What needs attention, e.g. 'provider_account'. */
    kind: text('kind').notNull(),
    /** Which service (e.g. 'kie') and its error code (e.g. 'insufficient_provider_credits'). */
    source: text('source').notNull(),
    code: text('code').notNull(),
    occurrences: integer('occurrences').notNull().default(1),
    firstAt: timestamp('first_at', { withTimezone: true }).notNull(),
    lastAt: timestamp('last_at', { withTimezone: true }).notNull(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('operator_alerts_open_idx').on(t.kind, t.source, t.code).where(sql`resolved_at is null`),
    index('operator_alerts_resolved_idx').on(t.resolvedAt),
  ],
);
