import { and, desc, eq, ne } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { generationImages, generations } from './generation.schema.js';

/**
 * An account's newest images for an operator who stated a reason (the caller
 * audits it): held ones too, which is what a moderator must judge; removed
 * ones have no files left. Trashed generations count (the account still has them).
 */
export async function adminListUserImages(db: Db, input: { userId: string; limit: number }) {
  return db
    .select({
      imageId: generationImages.id,
      generationId: generationImages.generationId,
      prompt: generations.prompt,
      moderation: generationImages.moderation,
      thumbnailKey: generationImages.thumbnailKey,
      createdAt: generationImages.createdAt,
    })
    .from(generationImages)
    .innerJoin(generations, eq(generations.id, generationImages.generationId))
    .where(and(eq(generationImages.userId, input.userId), ne(generationImages.moderation, 'removed')))
    .orderBy(desc(generationImages.createdAt), desc(generationImages.id))
    .limit(input.limit);
}
