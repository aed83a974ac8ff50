import type { UpdateMeInput } from '../contracts/api.js';
import type { Db } from '../db/index.js';
import { notFound } from '../lib/errors.js';
import { type ProfileRow, updateProfileRow } from './accounts.queries.js';

/** Changes display name, theme, language or the settings-in-downloads choice of the user's own account. */
export async function updateProfile(deps: { db: Db }, input: { userId: string; patch: UpdateMeInput }): Promise<ProfileRow> {
  const profile = await updateProfileRow(deps.db, input.userId, input.patch);
  if (!profile) throw notFound('Your account');
  return profile;
}
