import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { notFound } from '../lib/errors.js';
import { userPresets } from './prompts.schema.js';

/** Deletes a preset of the user's. Throws not_found for an id that is not theirs. */
export async function deletePreset(deps: { db: Db }, input: { userId: string; presetId: string }): Promise<void> {
  const gone = await deps.db
    .delete(userPresets)
    .where(and(eq(userPresets.id, input.presetId), eq(userPresets.userId, input.userId)))
    .returning({ id: userPresets.id });
  if (gone.length === 0) throw notFound('That preset');
}
