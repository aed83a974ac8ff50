import { and, desc, eq, isNull, type Placeholder, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { type GenerationRow, generationColumns, type ImageRow, type UploadRow } from './generation.queries.js';
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
    .select({ row: generationColumns, images, held, references })
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
  tool?: string;
  status?: string;
  from?: Date;
  before?: Date;
  favourite?: boolean;
  albumId?: string;
}

/** Rows a narrowed page first walks newest-first before it looks the matches up instead (see filteredGalleryPage). */
const NEARBY_ROWS = 1000;

type PageOpts = { after?: { createdAt: Date; id: string }; limit: number; mature: boolean };

/**
 * One page of the user's gallery narrowed by filters: the same order and
 * cursor as galleryPage. A filter that matches few generations (a rare word,
 * favourites, an album) is slow to find by walking the gallery newest-first,
 * and PostgreSQL often guesses wrong how few match; a common word is slow to
 * look up first. So favourites and albums start from their own rows, and a
 * search first walks the next NEARBY_ROWS generations only, starting from
 * the search index when that does not fill the page.
 */
export async function filteredGalleryPage(db: Db, userId: string, filters: GalleryFilters, opts: PageOpts): Promise<GalleryRow[]> {
  // Favourites and albums are chosen by hand, so they stay small: start from them at once.
  if (filters.favourite || filters.albumId) return pageQuery(db, userId, filters, opts, { fromMatches: true });
  if (filters.search?.kind !== 'words') return pageQuery(db, userId, filters, opts, {});
  const bound = await nearbyBound(db, userId, opts.after);
  if (bound) {
    const nearby = await pageQuery(db, userId, filters, opts, { notBefore: bound });
    if (nearby.length >= opts.limit) return nearby;
  }
  return pageQuery(db, userId, filters, opts, { fromMatches: true });
}

/** The NEARBY_ROWS-th generation after the cursor, or null when fewer remain (then the plain walk is short anyway). */
async function nearbyBound(db: Db, userId: string, after: PageOpts['after']) {
  const rows = await db
    .select({ createdAt: generations.createdAt, id: generations.id })
    .from(generations)
    .where(and(eq(generations.userId, userId), isNull(generations.deletedAt), after ? afterCursor(after) : undefined))
    .orderBy(desc(generations.createdAt), desc(generations.id))
    .offset(NEARBY_ROWS - 1)
    .limit(1);
  return rows[0] ?? null;
}

const afterCursor = (after: { createdAt: Date; id: string }) =>
  sql`(${generations.createdAt}, ${generations.id}) < (${after.createdAt.toISOString()}::timestamptz, ${after.id})`;

/**
 * The generations the selective filters can match, as one set: each list
 * comes from its own index (the search's, the favourites', the album's), is
 * computed once (an array subquery), and the lists are intersected before any
 * generation is read. A superset: the exact conditions still apply. Hidden in
 * arrays on purpose: PostgreSQL then reads them first instead of probing an
 * index once per generation it walks.
 */
function matchSet(userId: string, filters: GalleryFilters, mature: boolean): SQL | undefined {
  const lists: SQL[] = [];
  const shown = (alias: string) => sql.raw(`(${alias}.moderation = 'clear' or (${alias}.moderation = 'mature' and ${mature}))`);
  if (filters.favourite)
    lists.push(sql`select f.generation_id from generation_images f
                   where f.user_id = ${userId} and f.favourited_at is not null and ${shown('f')}`);
  if (filters.albumId)
    // The album's images by primary key: a join here let PostgreSQL read every image to find a few.
    lists.push(sql`select m.generation_id from generation_images m
                   where m.id = any(array(select ai.image_id from album_images ai where ai.album_id = ${filters.albumId})) and ${shown('m')}`);
  // Favourites and albums are small beside a common word: with either, the words are checked on their rows instead.
  if (lists.length === 0 && filters.search?.kind === 'words')
    lists.push(sql`select c.id from generations c
                   where c.user_id = ${userId} and c.prompt_search @@ websearch_to_tsquery('simple', ${filters.search.text})`);
  if (lists.length === 0) return undefined;
  const sets = sql.join(
    lists.map((list) => sql`select unnest(array(${list}))`),
    sql` intersect `,
  );
  return sql`${generations.id} in (${sets})`;
}

function pageQuery(
  db: Db,
  userId: string,
  filters: GalleryFilters,
  opts: PageOpts,
  plan: { notBefore?: { createdAt: Date; id: string }; fromMatches?: boolean },
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
  const { notBefore } = plan;
  return db
    .select({ row: generationColumns, images: imagesWhere(imageWhere), held, references })
    .from(generations)
    .where(
      and(
        eq(generations.userId, userId),
        isNull(generations.deletedAt),
        search?.kind === 'words' ? sql`${generations.promptSearch} @@ websearch_to_tsquery('simple', ${search.text})` : undefined,
        search?.kind === 'substring' ? sql`strpos(lower(${generations.prompt}), lower(${search.text})) > 0` : undefined,
        filters.modelId ? eq(generations.modelId, filters.modelId) : undefined,
        filters.tool ? eq(generations.tool, filters.tool as GenerationRow['tool']) : undefined,
        filters.status ? eq(generations.status, filters.status) : undefined,
        filters.from ? sql`${generations.createdAt} >= ${filters.from.toISOString()}::timestamptz` : undefined,
        filters.before ? sql`${generations.createdAt} < ${filters.before.toISOString()}::timestamptz` : undefined,
        // From the matches, one of favourite or album is exact already (its list holds only images shown); both need the same image.
        narrowsImages && !(plan.fromMatches && !(filters.favourite && filters.albumId))
          ? sql`exists (select 1 from generation_images i where i.generation_id = generations.id and ${imageWhere})`
          : undefined,
        after ? afterCursor(after) : undefined,
        notBefore
          ? sql`(${generations.createdAt}, ${generations.id}) >= (${notBefore.createdAt.toISOString()}::timestamptz, ${notBefore.id})`
          : undefined,
        plan.fromMatches ? matchSet(userId, filters, opts.mature) : undefined,
      ),
    )
    .orderBy(desc(generations.createdAt), desc(generations.id))
    .limit(opts.limit);
}
