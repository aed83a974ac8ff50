import { index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { PolicyCategory } from '../contracts/moderation.js';

/*
 * user_id references "user"(id) ON DELETE CASCADE in the database (migration
 * 0018; db/foreign-keys.db.test.ts pins it): a case holds the user's own words
 * and goes with their account. The schema does not say so, because that would
 * import the accounts module's tables.
 */

/** What a case is about: a prompt refused at submit (images join with the image checks). */
export type CaseKind = 'prompt';
/** open: waiting for an operator; dismissed: the refusal was wrong; upheld: it was right. */
export type CaseStatus = 'open' | 'dismissed' | 'upheld';

/**
 * The moderation queue: every refused prompt, with what the user wrote (so an
 * operator can judge it) and the rule's category, never the matched word.
 */
export const moderationCases = pgTable(
  'moderation_cases',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    kind: text('kind').$type<CaseKind>().notNull(),
    category: text('category').$type<PolicyCategory>().notNull(),
    prompt: text('prompt').notNull(),
    negativePrompt: text('negative_prompt'),
    model: text('model').notNull(),
    status: text('status').$type<CaseStatus>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [index('moderation_cases_status_created_idx').on(t.status, t.createdAt), index('moderation_cases_user_idx').on(t.userId)],
);

/** Terms the operators refuse on this server, beside the built-in rules (normalised as the policy reads prompts). */
export const moderationDenylist = pgTable(
  'moderation_denylist',
  {
    id: text('id').primaryKey(),
    term: text('term').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('moderation_denylist_term_idx').on(t.term)],
);
