import { and, eq, sql } from 'drizzle-orm';
import { type Album, type UpdateAlbumInput, updateAlbumSchema } from '../contracts/gallery.js';
import type { Db } from '../db/index.js';
import { AppError } from '../lib/errors.js';
import { albumViewOrThrow, findOwnedAlbumOrThrow, isForeignKeyViolation, isUniqueViolation } from './albums.queries.js';
import { albumNameTaken } from './create-album.js';
import { albumImages, albums, generationImages } from './generation.schema.js';

const coverNotInAlbum = () =>
  new AppError('invalid_input', 'The cover must be one of your images in this album.', { field: 'coverImageId' });

/**
 * Renames an album of the user's and/or sets its cover (null clears it).
 * not_found for someone else's album; conflict when the name is taken;
 * invalid_input (`coverImageId`) when the cover is not one of the user's
 * images in this album. Nothing changes unless all of it can.
 */
export async function updateAlbum(
  deps: { db: Db },
  input: { userId: string; albumId: string; patch: UpdateAlbumInput; mature: boolean },
): Promise<Album> {
  const patch = updateAlbumSchema.parse(input.patch);
  await findOwnedAlbumOrThrow(deps.db, input.userId, input.albumId);
  const cover = patch.coverImageId;
  const coverInAlbum = cover
    ? sql`exists (select 1 from ${albumImages} join ${generationImages} on ${generationImages.id} = ${albumImages.imageId}
        where ${albumImages.albumId} = ${input.albumId} and ${albumImages.imageId} = ${cover} and ${generationImages.userId} = ${input.userId})`
    : undefined;
  try {
    const rows = await deps.db
      .update(albums)
      .set({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(cover !== undefined ? { coverImageId: cover } : {}),
        updatedAt: sql`now()`,
      })
      .where(and(eq(albums.id, input.albumId), eq(albums.userId, input.userId), coverInAlbum))
      .returning({ id: albums.id });
    if (rows.length === 0) {
      // The album is the user's (checked above), so the cover was the reason.
      throw coverNotInAlbum();
    }
  } catch (err) {
    if (isUniqueViolation(err)) throw albumNameTaken(patch.name ?? '');
    // The cover image was deleted by a request racing this one.
    if (isForeignKeyViolation(err)) throw coverNotInAlbum();
    throw err;
  }
  return albumViewOrThrow(deps.db, input.userId, input.albumId, input.mature);
}
