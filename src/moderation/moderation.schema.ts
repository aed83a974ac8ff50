import { index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { CaseCategory, CaseKind, CaseStatus } from '../contracts/moderation.js';

/*
 * user_id references "user"(id) ON DELETE CASCADE in the database (migration
 * 0018; db/foreign-keys.db.test.ts pins it): a case holds the user's own words
 * and goes with their account. The schema does not say so, because that would
 * import the accounts module's tables.
 */

export type { CaseCategory, CaseKind, CaseStatus };

/**
 * The moderation queue: every refused prompt, with what the user wrote (so an
 * operator can judge it) and the rule's category, never the matched word;
 * every result image held by the image check; every image a user reported.
 */
export const moderationCases = pgTable(
  'moderation_cases',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    kind: text('kind').$type<CaseKind>().notNull(),
    category: text('category').$type<CaseCategory>().notNull(),
    prompt: text('prompt').notNull(),
    negativePrompt: text('negative_prompt'),
    model: text('model').notNull(),
    status: text('status').$type<CaseStatus>().notNull(),
    /** Image and report cases: the result image, its generation and the sha256 of its bytes (kept after a removal). */
    imageId: text('image_id'),
    generationId: text('generation_id'),
    evidenceSha256: text('evidence_sha256'),
    /** The classifier's numbers for an image case; the user's words for a report. */
    scores: jsonb('scores').$type<Record<string, number>>(),
    note: text('note'),
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
