import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { notFound } from '../lib/errors.js';
import { promptHistory } from './prompts.schema.js';

/** Forgets one prompt of the user's history. Throws not_found for an id that is not theirs. */
export async function deletePromptHistoryEntry(deps: { db: Db }, input: { userId: string; entryId: string }): Promise<void> {
  const gone = await deps.db
    .delete(promptHistory)
    .where(and(eq(promptHistory.id, input.entryId), eq(promptHistory.userId, input.userId)))
    .returning({ id: promptHistory.id });
  if (gone.length === 0) throw notFound('That prompt');
}

/** Forgets the user's whole prompt history; returns how many prompts went. Idempotent. */
export async function clearPromptHistory(deps: { db: Db }, input: { userId: string }): Promise<{ deleted: number }> {
  const gone = await deps.db.delete(promptHistory).where(eq(promptHistory.userId, input.userId)).returning({ id: promptHistory.id });
  return { deleted: gone.length };
}
