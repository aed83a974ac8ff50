import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Reserved send times for rate-limited provider calls, shared by every worker
 * process (KIE allows 20 new tasks per 10 s per account and drops the rest).
 */
export const providerRateSlots = pgTable(
  'provider_rate_slots',
  {
    id: text('id').primaryKey(),
    bucket: text('bucket').notNull(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [index('provider_rate_slots_bucket_at_idx').on(t.bucket, t.at)],
);
