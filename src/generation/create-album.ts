import { sql } from 'drizzle-orm';
import { type Album, type CreateAlbumInput, createAlbumSchema, MAX_ALBUMS } from '../contracts/gallery.js';
import { type Db, queryRows } from '../db/index.js';
import { AppError } from '../lib/errors.js';
import { newId } from '../lib/ids.js';
import { albumViewOrThrow } from './albums.queries.js';

/** Thrown when the user already has an album of that name (case-insensitive). */
export const albumNameTaken = (name: string) => new AppError('conflict', `You already have an album called "${name}".`, { field: 'name' });

/**
 * Creates an empty album. One statement inserts only while the user has
 * fewer than MAX_ALBUMS and none of that name (case-insensitive): conflict
 * (name taken) or limit_reached, and nothing written.
 */
export async function createAlbum(deps: { db: Db }, input: { userId: string; album: CreateAlbumInput }): Promise<Album> {
  const { name } = createAlbumSchema.parse(input.album);
  const [row] = await queryRows<{ id: string | null; room: boolean }>(
    deps.db,
    sql`
      with mine as (select count(*) as n from albums where user_id = ${input.userId}),
      added as (
        insert into albums (id, user_id, name)
        select ${newId()}, ${input.userId}, ${name} from mine where mine.n < ${MAX_ALBUMS}
        on conflict (user_id, lower(name)) do nothing
        returning id
      )
      select (select id from added) as id, (select n from mine) < ${MAX_ALBUMS} as room`,
  );
  if (!row?.id) {
    throw row?.room === false
      ? new AppError('limit_reached', `You can keep at most ${MAX_ALBUMS} albums. Delete one first.`, { field: 'name' })
      : albumNameTaken(name);
  }
  return albumViewOrThrow(deps.db, input.userId, row.id, false);
}
