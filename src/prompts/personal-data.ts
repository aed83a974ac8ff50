import { asc, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { promptHistory, userPresets } from './prompts.schema.js';

/** The user's prompt history (newest first) and saved presets, for their data export. */
export async function exportUserData(db: Db, userId: string) {
  const history = await db
    .select({ id: promptHistory.id, prompt: promptHistory.prompt, usedAt: promptHistory.usedAt })
    .from(promptHistory)
    .where(eq(promptHistory.userId, userId))
    .orderBy(desc(promptHistory.usedAt), desc(promptHistory.id));
  const presets = await db
    .select({
      id: userPresets.id,
      name: userPresets.name,
      settings: userPresets.settings,
      createdAt: userPresets.createdAt,
      updatedAt: userPresets.updatedAt,
    })
    .from(userPresets)
    .where(eq(userPresets.userId, userId))
    .orderBy(asc(userPresets.createdAt));
  return { promptHistory: history, presets };
}

/** Erases the user's prompt history and presets inside the caller's transaction. No files. */
export async function eraseUserData(tx: Db, userId: string): Promise<{ files: string[] }> {
  await tx.delete(promptHistory).where(eq(promptHistory.userId, userId));
  await tx.delete(userPresets).where(eq(userPresets.userId, userId));
  return { files: [] };
}
