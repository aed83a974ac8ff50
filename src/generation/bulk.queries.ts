import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import type { ImageRow, MadeWith } from './generation.queries.js';
import { albumImages, albums, generationImages, generations, type ImageModeration } from './generation.schema.js';

/**
 * The user's generations among `ids` that are not in the trash, locked until
 * the transaction ends, so a bulk action decides on rows nobody else changes
 * meanwhile. Anyone else's, unknown and trashed ids are simply absent.
 */
export async function lockOpenGenerations(tx: Db, userId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return tx
    .select({ id: generations.id, status: generations.status })
    .from(generations)
    .where(and(eq(generations.userId, userId), inArray(generations.id, ids), isNull(generations.deletedAt)))
    .orderBy(asc(generations.id))
    .for('update');
}

/** Moves the user's generations (not in the trash) to the trash in one statement; how many moved. */
export async function trashGenerations(tx: Db, userId: string, ids: string[], at: Date): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await tx
    .update(generations)
    .set({ deletedAt: at })
    .where(and(eq(generations.userId, userId), inArray(generations.id, ids), isNull(generations.deletedAt)))
    .returning({ id: generations.id });
  return rows.length;
}

/**
 * Every image of the user's generations among `ids` (not in the trash) with
 * the settings that made it, newest generation first, then by position. The
 * caller filters by moderation status.
 */
export async function listImagesForDownload(db: Db, userId: string, ids: string[]): Promise<{ image: ImageRow; generation: MadeWith }[]> {
  if (ids.length === 0) return [];
  const { prompt, negativePrompt, modelId, provider, aspectRatio, seed, steps, guidance, strength, sampler, createdAt } = generations;
  const made = { prompt, negativePrompt, modelId, provider, aspectRatio, seed, steps, guidance, strength, sampler, createdAt };
  return db
    .select({ image: generationImages, generation: made })
    .from(generationImages)
    .innerJoin(generations, eq(generations.id, generationImages.generationId))
    .where(and(eq(generations.userId, userId), inArray(generations.id, ids), isNull(generations.deletedAt)))
    .orderBy(desc(generations.createdAt), asc(generations.id), asc(generationImages.position));
}

/** Marks (or unmarks) every image of these generations the user may see as a favourite; a favourite keeps its first time. */
export async function setGenerationsFavourite(
  tx: Db,
  userId: string,
  ids: string[],
  favourite: boolean,
  visible: ImageModeration[],
): Promise<void> {
  await tx
    .update(generationImages)
    .set({ favouritedAt: favourite ? sql`coalesce(${generationImages.favouritedAt}, now())` : null })
    .where(
      and(eq(generationImages.userId, userId), inArray(generationImages.generationId, ids), inArray(generationImages.moderation, visible)),
    );
}

/** Puts every image of these generations the user may see into the album (already there: left as is). */
export async function addGenerationsToAlbum(
  tx: Db,
  userId: string,
  ids: string[],
  albumId: string,
  visible: ImageModeration[],
): Promise<void> {
  const images = await tx
    .select({ imageId: generationImages.id })
    .from(generationImages)
    .where(
      and(eq(generationImages.userId, userId), inArray(generationImages.generationId, ids), inArray(generationImages.moderation, visible)),
    );
  if (images.length > 0)
    await tx
      .insert(albumImages)
      .values(images.map(({ imageId }) => ({ albumId, imageId })))
      .onConflictDoNothing();
  await tx.update(albums).set({ updatedAt: sql`now()` }).where(eq(albums.id, albumId));
}
