import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { notFound } from '../lib/errors.js';
import { findProfile, type ProfileRow } from './accounts.queries.js';
import { user } from './accounts.schema.js';

/**
 * The welcome step of an account made by signing in with a provider: the
 * holder confirms the minimum age and accepts the terms (the e-mail sign-up
 * form asks both before the account exists). Recorded once, with its time;
 * repeating it keeps the first time. The UI language comes along, as the
 * e-mail sign-up's does, so e-mails are written in it.
 */
export async function consentToSignup(
  db: Db,
  input: { userId: string; now: Date; locale?: 'en' | 'ja' },
): Promise<{ profile: ProfileRow; first: boolean }> {
  const first = await db
    .update(user)
    .set({ ageConfirmedAt: input.now, updatedAt: input.now, ...(input.locale ? { locale: input.locale } : {}) })
    .where(and(eq(user.id, input.userId), isNull(user.ageConfirmedAt), isNull(user.deletedAt)))
    .returning({ id: user.id });
  const profile = await findProfile(db, input.userId);
  if (!profile) throw notFound('Your account');
  return { profile, first: first.length > 0 };
}
