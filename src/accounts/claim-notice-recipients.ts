import { and, eq, inArray, isNull, ne, not, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { user } from './accounts.schema.js';

/**
 * Claims up to `limit` verified, live accounts not yet told about policy
 * `version` and marks them told, in one statement: rows are locked with
 * SKIP LOCKED, so two workers, a retry or a restart never claim an account
 * twice. `unless(userId)` is the caller's own condition for leaving an
 * account out (privacy: it already acknowledged this version). Returns whom
 * to e-mail; an empty list means everyone is done.
 */
export async function claimNoticeRecipients(db: Db, input: { version: string; limit: number; unless: (userId: SQL) => SQL }) {
  const due = db
    .select({ id: user.id })
    .from(user)
    .where(
      and(
        eq(user.emailVerified, true),
        isNull(user.deletedAt),
        or(isNull(user.policyNotifiedVersion), ne(user.policyNotifiedVersion, input.version)),
        // Qualified by hand: inside the caller's subquery an unqualified id could mean its own column.
        not(input.unless(sql`"user"."id"`)),
      ),
    )
    .limit(input.limit)
    .for('update', { skipLocked: true });
  return db
    .update(user)
    .set({ policyNotifiedVersion: input.version })
    .where(inArray(user.id, due))
    .returning({ email: user.email, name: user.name, locale: user.locale });
}
