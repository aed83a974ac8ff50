import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { PresetSettings } from '../contracts/prompts.js';

/*
 * Every user_id here references "user"(id) ON DELETE CASCADE in the database
 * (migration 0016; db/foreign-keys.db.test.ts pins it). The schema does not
 * say so, because that would import the accounts module's tables.
 */

/**
 * The last prompts a user sent (at most MAX_HISTORY, trimmed as each is
 * recorded), one row per distinct prompt: sending it again moves it to the top.
 */
export const promptHistory = pgTable(
  'prompt_history',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    prompt: text('prompt').notNull(),
    /** The database's clock at the submit, to the microsecond, so prompts sent in a row keep their order. */
    usedAt: timestamp('used_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    // md5 because a prompt may be longer than a btree entry can hold.
    uniqueIndex('prompt_history_user_prompt_idx').using('btree', t.userId, sql`md5(${t.prompt})`),
    index('prompt_history_user_used_idx').on(t.userId, t.usedAt),
  ],
);

/** A user's saved settings under a name unique to them (case-insensitive). */
export const userPresets = pgTable(
  'user_presets',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    name: text('name').notNull(),
    settings: jsonb('settings').$type<PresetSettings>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('user_presets_user_name_idx').using('btree', t.userId, sql`lower(${t.name})`)],
);
