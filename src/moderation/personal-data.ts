import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { moderationCases } from './moderation.schema.js';

/** The user's refused prompts, held and reported images, and what became of them, oldest first, for their data export. */
export async function exportUserData(db: Db, userId: string) {
  const moderation = await db
    .select({
      id: moderationCases.id,
      kind: moderationCases.kind,
      category: moderationCases.category,
      prompt: moderationCases.prompt,
      negativePrompt: moderationCases.negativePrompt,
      model: moderationCases.model,
      status: moderationCases.status,
      imageId: moderationCases.imageId,
      evidenceSha256: moderationCases.evidenceSha256,
      note: moderationCases.note,
      createdAt: moderationCases.createdAt,
      resolvedAt: moderationCases.resolvedAt,
    })
    .from(moderationCases)
    .where(eq(moderationCases.userId, userId))
    .orderBy(asc(moderationCases.createdAt), asc(moderationCases.id));
  return { moderation };
}

/** Erases the user's moderation cases inside the caller's transaction. No files. */
export async function eraseUserData(tx: Db, userId: string): Promise<{ files: string[] }> {
  await tx.delete(moderationCases).where(eq(moderationCases.userId, userId));
  return { files: [] };
}
