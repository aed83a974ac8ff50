import { and, eq, sql } from 'drizzle-orm';
import type { Album } from '../contracts/gallery.js';
import { type Db, queryRows } from '../db/index.js';
import { notFound } from '../lib/errors.js';
import { albums } from './generation.schema.js';
import { fileUrls } from './to-view.js';

export type AlbumRow = typeof albums.$inferSelect;

/** The user's own album, or null (also when it belongs to someone else). */
export async function findOwnedAlbum(db: Db, userId: string, albumId: string): Promise<AlbumRow | null> {
  const rows = await db
    .select()
    .from(albums)
    .where(and(eq(albums.id, albumId), eq(albums.userId, userId)));
  return rows[0] ?? null;
}

/** The user's own album, or not_found. */
export async function findOwnedAlbumOrThrow(db: Db, userId: string, albumId: string): Promise<AlbumRow> {
  const album = await findOwnedAlbum(db, userId, albumId);
  if (!album) throw notFound('That album');
  return album;
}

/**
 * The user's albums (or the one `albumId`) as the API shows them, newest
 * first: images counted and the cover picked among those the owner may see
 * now (not trashed, not in review; mature ones while opted in). The cover
 * shown is the chosen one, else the image added last.
 */
export async function albumViews(db: Db, userId: string, opts: { mature: boolean; albumId?: string }): Promise<Album[]> {
  const visibleMembers = sql`
    from album_images ai
    join generation_images i on i.id = ai.image_id
    join generations g on g.id = i.generation_id
    where ai.album_id = a.id and g.deleted_at is null
      and (i.moderation = 'clear' or (i.moderation = 'mature' and ${opts.mature}::boolean))`;
  const rows = await queryRows<{
    id: string;
    name: string;
    cover_image_id: string | null;
    image_count: number;
    cover_shown: string | null;
    created_at: string | Date;
    updated_at: string | Date;
  }>(
    db,
    sql`
      select a.id, a.name, a.cover_image_id, a.created_at, a.updated_at,
        (select count(*)::int ${visibleMembers}) as image_count,
        (select i.id ${visibleMembers} order by (i.id = a.cover_image_id) desc nulls last, ai.added_at desc, i.id limit 1) as cover_shown
      from albums a
      where a.user_id = ${userId} ${opts.albumId ? sql`and a.id = ${opts.albumId}` : sql``}
      order by a.created_at desc, a.id desc`,
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    imageCount: r.image_count,
    coverImageId: r.cover_image_id,
    coverThumbnailUrl: r.cover_shown ? fileUrls.thumbnail(r.cover_shown) : null,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  }));
}

/** One album of the user's as the API shows it, or not_found. */
export async function albumViewOrThrow(db: Db, userId: string, albumId: string, mature: boolean): Promise<Album> {
  const [album] = await albumViews(db, userId, { mature, albumId });
  if (!album) throw notFound('That album');
  return album;
}

/** Whether the error (or its cause) carries this SQLSTATE; PostgreSQL and PGlite both report it, sometimes as the cause. */
function hasSqlState(err: unknown, state: string): boolean {
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === state) return true;
  }
  return false;
}

/** A unique-index violation (23505). */
export const isUniqueViolation = (err: unknown) => hasSqlState(err, '23505');

/** A foreign-key violation (23503): the album or image went between our check and the write. */
export const isForeignKeyViolation = (err: unknown) => hasSqlState(err, '23503');
