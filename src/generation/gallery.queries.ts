import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import type { GenerationRow, ImageRow, UploadRow } from './generation.queries.js';
import { generations } from './generation.schema.js';

export type GalleryImage = Pick<ImageRow, 'id' | 'width' | 'height' | 'moderation'>;
export type GalleryUpload = Pick<UploadRow, 'id' | 'width' | 'height' | 'bytes' | 'contentType'>;
export interface GalleryRow {
  row: GenerationRow;
  images: GalleryImage[];
  /** Held images (in review): counted, never listed. */
  held: number;
  references: GalleryUpload[];
}

// Each generation's images and references as JSON beside its row: one query per page instead of three.
// (`generations.id` is written out: drizzle renders a column of the only table unqualified, which the
// subquery would read as its own id.)
// Only what the viewer may see: clear images, and mature ones while they are opted in (the image check's states: generation.schema.ts).
const images = sql<GalleryImage[]>`coalesce((
  select json_agg(json_build_object('id', i.id, 'width', i.width, 'height', i.height, 'moderation', i.moderation) order by i.position)
  from generation_images i where i.generation_id = generations.id
    and (i.moderation = 'clear' or (i.moderation = 'mature' and ${sql.placeholder('mature')}::boolean))), '[]'::json)`;
const held = sql<number>`(select count(*)::int from generation_images i where i.generation_id = generations.id and i.moderation = 'held')`;
const references = sql<GalleryUpload[]>`coalesce((
  select json_agg(json_build_object('id', u.id, 'width', u.width, 'height', u.height, 'bytes', u.bytes,
                                    'contentType', u.content_type) order by r.position)
  from generation_references r join uploads u on u.id = r.upload_id where r.generation_id = generations.id), '[]'::json)`;

function prepare(db: Db, afterCursor: boolean) {
  return db
    .select({ row: generations, images, held, references })
    .from(generations)
    .where(
      and(
        eq(generations.userId, sql.placeholder('userId')),
        isNull(generations.deletedAt),
        // A row comparison, so PostgreSQL seeks (user_id, created_at, id) instead of reading every newer row.
        afterCursor
          ? sql`(${generations.createdAt}, ${generations.id}) < (${sql.placeholder('at')}::timestamptz, ${sql.placeholder('id')})`
          : undefined,
      ),
    )
    .orderBy(desc(generations.createdAt), desc(generations.id))
    .limit(sql.placeholder('limit'))
    .prepare(afterCursor ? 'gallery_page_after' : 'gallery_page_first');
}

/** Built once per database handle: PostgreSQL plans them once per connection, and drizzle builds the SQL once. */
const prepared = new WeakMap<Db, { first: ReturnType<typeof prepare>; after: ReturnType<typeof prepare> }>();

/** One page of the user's gallery (not deleted), newest first, after the cursor when given; `mature`: the viewer is opted in. */
export function galleryPage(
  db: Db,
  userId: string,
  opts: { after?: { createdAt: Date; id: string }; limit: number; mature: boolean },
): Promise<GalleryRow[]> {
  let queries = prepared.get(db);
  if (!queries) {
    queries = { first: prepare(db, false), after: prepare(db, true) };
    prepared.set(db, queries);
  }
  const { after, limit, mature } = opts;
  return after
    ? queries.after.execute({ userId, limit, mature, at: after.createdAt.toISOString(), id: after.id })
    : queries.first.execute({ userId, limit, mature });
}
