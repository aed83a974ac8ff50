import { and, eq, sql } from 'drizzle-orm';
import type { Album } from '../contracts/gallery.js';
import type { Db } from '../db/index.js';
import { notFound } from '../lib/errors.js';
import { albumViewOrThrow, findOwnedAlbumOrThrow, isForeignKeyViolation } from './albums.queries.js';
import { findOwnedImage } from './generation.queries.js';
import { albumImages, albums } from './generation.schema.js';
import { imageVisible } from './to-view.js';

interface AlbumImageInput {
  userId: string;
  albumId: string;
  imageId: string;
  mature: boolean;
}

/** The user's album and an image of theirs they may see, or not_found for either (someone else's, none, in review). */
async function checkBoth(db: Db, input: AlbumImageInput): Promise<void> {
  await findOwnedAlbumOrThrow(db, input.userId, input.albumId);
  const image = await findOwnedImage(db, input.userId, input.imageId);
  if (!image || !imageVisible(image.moderation, input.mature)) throw notFound('That image');
}

/** Puts one of the user's images into one of their albums (it may be in others too). Idempotent. Returns the album. */
export async function addAlbumImage(deps: { db: Db }, input: AlbumImageInput): Promise<Album> {
  await checkBoth(deps.db, input);
  try {
    await deps.db.transaction(async (tx) => {
      await tx.insert(albumImages).values({ albumId: input.albumId, imageId: input.imageId }).onConflictDoNothing();
      await tx.update(albums).set({ updatedAt: sql`now()` }).where(eq(albums.id, input.albumId));
    });
  } catch (err) {
    // Deleted by a request racing this one: as if it had gone before.
    if (isForeignKeyViolation(err)) throw notFound('That album or image');
    throw err;
  }
  return albumViewOrThrow(deps.db, input.userId, input.albumId, input.mature);
}

/** Takes an image out of one of the user's albums (the image stays); clears the cover when it was this image. Idempotent. */
export async function removeAlbumImage(deps: { db: Db }, input: AlbumImageInput): Promise<Album> {
  await checkBoth(deps.db, input);
  await deps.db.transaction(async (tx) => {
    await tx.delete(albumImages).where(and(eq(albumImages.albumId, input.albumId), eq(albumImages.imageId, input.imageId)));
    await tx
      .update(albums)
      .set({
        coverImageId: sql`case when ${albums.coverImageId} = ${input.imageId} then null else ${albums.coverImageId} end`,
        updatedAt: sql`now()`,
      })
      .where(eq(albums.id, input.albumId));
  });
  return albumViewOrThrow(deps.db, input.userId, input.albumId, input.mature);
}
