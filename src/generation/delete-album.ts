import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { notFound } from '../lib/errors.js';
import { albums } from './generation.schema.js';

/** Deletes an album of the user's; its images stay (only their membership goes). not_found for someone else's or none. */
export async function deleteAlbum(deps: { db: Db }, input: { userId: string; albumId: string }): Promise<void> {
  const gone = await deps.db
    .delete(albums)
    .where(and(eq(albums.id, input.albumId), eq(albums.userId, input.userId)))
    .returning({ id: albums.id });
  if (gone.length === 0) throw notFound('That album');
}
