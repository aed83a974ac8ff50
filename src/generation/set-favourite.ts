import { and, eq, inArray, sql } from 'drizzle-orm';
import type { FavouriteState } from '../contracts/gallery.js';
import type { Db } from '../db/index.js';
import { notFound } from '../lib/errors.js';
import { generationImages } from './generation.schema.js';

/**
 * Marks one of the user's images a favourite or not. Idempotent: marking a
 * favourite again keeps its first time. not_found for someone else's image,
 * or one its owner may not see (in review, removed; mature without the opt-in).
 */
export async function setFavourite(
  deps: { db: Db },
  input: { userId: string; imageId: string; favourite: boolean; mature: boolean },
): Promise<FavouriteState> {
  const rows = await deps.db
    .update(generationImages)
    .set({ favouritedAt: input.favourite ? sql`coalesce(${generationImages.favouritedAt}, now())` : null })
    .where(
      and(
        eq(generationImages.id, input.imageId),
        eq(generationImages.userId, input.userId),
        inArray(generationImages.moderation, input.mature ? ['clear', 'mature'] : ['clear']),
      ),
    )
    .returning({ id: generationImages.id });
  if (rows.length === 0) throw notFound('That image');
  return { imageId: input.imageId, favourite: input.favourite };
}
