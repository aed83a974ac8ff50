import { index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * What operators did, one row per action, written in the same transaction as
 * the action. Append-only (a trigger refuses UPDATE, DELETE and TRUNCATE). It
 * names the operator and the account acted on by id only, so it outlives both
 * accounts as the record of who did what; `reason` is the operator's own words.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: text('id').primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    /** The operator's account; null for the command line on the server. */
    actorId: text('actor_id'),
    /** The role the operator acted in ('cli' for the command line). */
    actorRole: text('actor_role').notNull(),
    /** One of contracts/operators.ts `auditActions`. */
    action: text('action').notNull(),
    targetUserId: text('target_user_id'),
    /** The thing acted on besides the account: a generation, a moderation case, a support request… */
    targetId: text('target_id'),
    reason: text('reason'),
    /** Figures of the action, e.g. { delta: 50 } (never a secret). */
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('audit_log_at_idx').on(t.at), index('audit_log_target_idx').on(t.targetUserId, t.at)],
);
