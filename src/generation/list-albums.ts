import type { Album } from '../contracts/gallery.js';
import type { Db } from '../db/index.js';
import { albumViews } from './albums.queries.js';

/** The user's albums, newest first, each with its image count and cover thumbnail. */
export function listAlbums(deps: { db: Db }, input: { userId: string; mature: boolean }): Promise<Album[]> {
  return albumViews(deps.db, input.userId, { mature: input.mature });
}
