import { and, desc, eq, isNull, type Placeholder, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import type { GenerationRow, ImageRow, UploadRow } from './generation.queries.js';
import { generations, type ReferenceRole } from './generation.schema.js';

export type GalleryImage = Pick<ImageRow, 'id' | 'width' | 'height' | 'moderation'> & { favourite: boolean };
/** An upload a generation used, with what for (a reference, a tool's source, inpaint's mask). */
export type GalleryUpload = Pick<UploadRow, 'id' | 'width' | 'height' | 'bytes' | 'contentType'> & { role: ReferenceRole };
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
const visible = (mature: SQL | Placeholder) => sql`(i.moderation = 'clear' or (i.moderation = 'mature' and ${mature}::boolean))`;
const imagesWhere = (where: SQL) => sql<GalleryImage[]>`coalesce((
  select json_agg(json_build_object('id', i.id, 'width', i.width, 'height', i.height, 'moderation', i.moderation,
                                    'favourite', i.favourited_at is not null) order by i.position)
  from generation_images i where i.generation_id = generations.id and ${where}), '[]'::json)`;
const images = imagesWhere(visible(sql.placeholder('mature')));
const held = sql<number>`(select count(*)::int from generation_images i where i.generation_id = generations.id and i.moderation = 'held')`;
const references = sql<GalleryUpload[]>`coalesce((
  select json_agg(json_build_object('id', u.id, 'width', u.width, 'height', u.height, 'bytes', u.bytes,
                                    'contentType', u.content_type, 'role', r.role) order by r.position)
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

/**
 * What the gallery may be narrowed by (all together). `words` is a full-text
 * query ('simple' configuration: whole words, no stemming, any language the
 * parser splits on spaces); `substring` a case-insensitive substring of the
 * prompt, for scripts without spaces between words (Japanese, Chinese), which
 * the parser cannot split. `from` inclusive, `before` exclusive. `favourite`
 * and `albumId` also narrow each generation's images to the matching ones.
 */
export interface GalleryFilters {
  search?: { kind: 'words' | 'substring'; text: string };
  modelId?: string;
  status?: string;
  from?: Date;
  before?: Date;
  favourite?: boolean;
  albumId?: string;
}

/** One page of the user's gallery narrowed by filters: the same order and cursor as galleryPage, built per request. */
export function filteredGalleryPage(
  db: Db,
  userId: string,
  filters: GalleryFilters,
  opts: { after?: { createdAt: Date; id: string }; limit: number; mature: boolean },
): Promise<GalleryRow[]> {
  const imageConditions = [visible(sql`${opts.mature}`)];
  if (filters.favourite) imageConditions.push(sql`i.favourited_at is not null`);
  if (filters.albumId) {
    imageConditions.push(sql`exists (select 1 from album_images ai where ai.image_id = i.id and ai.album_id = ${filters.albumId})`);
  }
  const imageWhere = sql.join(imageConditions, sql` and `);
  const narrowsImages = filters.favourite || filters.albumId;
  const { search } = filters;
  const { after } = opts;
  return db
    .select({ row: generations, images: imagesWhere(imageWhere), held, references })
    .from(generations)
    .where(
      and(
        eq(generations.userId, userId),
        isNull(generations.deletedAt),
        search?.kind === 'words'
          ? sql`to_tsvector('simple', ${generations.prompt}) @@ websearch_to_tsquery('simple', ${search.text})`
          : undefined,
        search?.kind === 'substring' ? sql`strpos(lower(${generations.prompt}), lower(${search.text})) > 0` : undefined,
        filters.modelId ? eq(generations.modelId, filters.modelId) : undefined,
        filters.status ? eq(generations.status, filters.status) : undefined,
        filters.from ? sql`${generations.createdAt} >= ${filters.from.toISOString()}::timestamptz` : undefined,
        filters.before ? sql`${generations.createdAt} < ${filters.before.toISOString()}::timestamptz` : undefined,
        narrowsImages
          ? sql`exists (select 1 from generation_images i where i.generation_id = generations.id and ${imageWhere})`
          : undefined,
        after
          ? sql`(${generations.createdAt}, ${generations.id}) < (${after.createdAt.toISOString()}::timestamptz, ${after.id})`
          : undefined,
      ),
    )
    .orderBy(desc(generations.createdAt), desc(generations.id))
    .limit(opts.limit);
}
