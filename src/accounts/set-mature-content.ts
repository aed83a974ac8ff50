import { eq } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { AppError, notFound } from '../lib/errors.js';
import { type ProfileRow, updateProfileRow } from './accounts.queries.js';
import { user } from './accounts.schema.js';

/**
 * Turns mature content on or off for the user's own account. On needs the
 * user's confirmation that they are 18 or older (whatever the sign-up's
 * minimum age), recorded with its time; off forgets it. Sexual content
 * involving minors stays refused either way.
 */
export async function setMatureContent(
  deps: { db: Db },
  input: { userId: string; mature: boolean; confirmAdult: boolean; now: Date },
): Promise<ProfileRow> {
  if (input.mature && !input.confirmAdult) {
    throw new AppError('invalid_input', 'Confirm that you are 18 or older to turn on mature content.', { field: 'confirmAdult' });
  }
  const profile = await updateProfileRow(deps.db, input.userId, { matureContentAt: input.mature ? input.now : null });
  if (!profile) throw notFound('Your account');
  return profile;
}

/** Whether the account has opted into mature content now (false for an unknown account): the image check reads it per result. */
export async function isMatureAccount(db: Db, userId: string): Promise<boolean> {
  const rows = await db.select({ at: user.matureContentAt }).from(user).where(eq(user.id, userId));
  return rows[0]?.at != null;
}
