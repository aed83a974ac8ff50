import type { Db } from '../db/index.js';
import { notFound } from '../lib/errors.js';
import { findProfile, type ProfileRow } from './accounts.queries.js';

/** The signed-in user's own profile. Throws not_found if the account is gone. */
export async function getProfile(deps: { db: Db }, input: { userId: string }): Promise<ProfileRow> {
  const profile = await findProfile(deps.db, input.userId);
  if (!profile) throw notFound('Your account');
  return profile;
}
