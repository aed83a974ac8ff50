import { and, asc, desc, eq, getTableColumns, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type { GenerationStatus } from '../contracts/api.js';
import { type Db, queryRows } from '../db/index.js';
import { generationImages, generationReferences, generations, uploads } from './generation.schema.js';
import { statusAllows, statusIsActive } from './state.js';

const { promptSearch: _search, ...rowColumns } = getTableColumns(generations);
/** Every column but the search's tsvector, which only the search's own SQL reads (and which is large). */
export const generationColumns = rowColumns;
export type GenerationRow = Omit<typeof generations.$inferSelect, 'promptSearch'>;
export type ImageRow = typeof generationImages.$inferSelect;
export type UploadRow = typeof uploads.$inferSelect;

/** Whether the generation is the user's (in the trash too): false for anyone else's or none. */
export async function ownsGeneration(db: Db, input: { userId: string; generationId: string }): Promise<boolean> {
  const rows = await db
    .select({ id: generations.id })
    .from(generations)
    .where(and(eq(generations.id, input.generationId), eq(generations.userId, input.userId)));
  return rows.length > 0;
}

/** The user's own generation, or null (also when it belongs to someone else). */
export async function findGeneration(db: Db, userId: string, id: string, opts: { trashed?: boolean } = {}): Promise<GenerationRow | null> {
  const rows = await db
    .select(generationColumns)
    .from(generations)
    .where(
      and(
        eq(generations.id, id),
        eq(generations.userId, userId),
        opts.trashed ? isNotNull(generations.deletedAt) : isNull(generations.deletedAt),
      ),
    );
  return rows[0] ?? null;
}

/** The user's trash, most recently deleted first. */
export async function listTrashRows(db: Db, userId: string, limit: number) {
  return db
    .select(generationColumns)
    .from(generations)
    .where(and(eq(generations.userId, userId), isNotNull(generations.deletedAt)))
    .orderBy(desc(generations.deletedAt))
    .limit(limit);
}

/** Moves a generation to the trash (or back, with `at` null). CAS: returns false if it was not in the expected place. */
export async function setTrashed(db: Db, userId: string, id: string, at: Date | null): Promise<boolean> {
  const rows = await db
    .update(generations)
    .set({ deletedAt: at })
    .where(
      and(eq(generations.id, id), eq(generations.userId, userId), at ? isNull(generations.deletedAt) : isNotNull(generations.deletedAt)),
    )
    .returning({ id: generations.id });
  return rows.length === 1;
}

/** Trashed generations whose time is up (system query for the retention job). */
export async function unsafeFindTrashBefore(db: Db, before: Date, limit: number) {
  return db
    .select({ id: generations.id, userId: generations.userId })
    .from(generations)
    .where(and(isNotNull(generations.deletedAt), lt(generations.deletedAt, before)))
    .limit(limit);
}

/** System read for workers and the sweeper: no owner filter, by design. */
export async function unsafeFindGeneration(db: Db, id: string): Promise<GenerationRow | null> {
  const rows = await db.select(generationColumns).from(generations).where(eq(generations.id, id));
  return rows[0] ?? null;
}

/**
 * Newest first; the cursor is the last row's (createdAt, id). Written as a row
 * comparison so PostgreSQL seeks with generations_user_created_idx instead of
 * reading and discarding every newer row (measured: 90k rows read for a page
 * deep in a 100k gallery with the OR form).
 */
export async function imagesOf(db: Db, generationIds: string[]): Promise<ImageRow[]> {
  if (generationIds.length === 0) return [];
  return db
    .select()
    .from(generationImages)
    .where(inArray(generationImages.generationId, generationIds))
    .orderBy(asc(generationImages.position));
}

export async function referencesOf(db: Db, generationIds: string[]) {
  if (generationIds.length === 0) return [];
  return db
    .select({
      generationId: generationReferences.generationId,
      position: generationReferences.position,
      role: generationReferences.role,
      upload: uploads,
    })
    .from(generationReferences)
    .innerJoin(uploads, eq(uploads.id, generationReferences.uploadId))
    .where(inArray(generationReferences.generationId, generationIds))
    .orderBy(asc(generationReferences.position));
}

export async function findOwnedUploads(db: Db, userId: string, ids: string[]): Promise<UploadRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(uploads)
    .where(and(eq(uploads.userId, userId), inArray(uploads.id, ids)));
}

/** System read for signed reference links: the signature, not a session, authorises it. */
export async function unsafeFindUpload(db: Db, id: string): Promise<UploadRow | null> {
  const rows = await db.select().from(uploads).where(eq(uploads.id, id));
  return rows[0] ?? null;
}

/** What a download writes of the generation that made an image (generation/open-download.ts). */
export type MadeWith = Pick<
  GenerationRow,
  | 'prompt'
  | 'negativePrompt'
  | 'modelId'
  | 'provider'
  | 'aspectRatio'
  | 'seed'
  | 'steps'
  | 'guidance'
  | 'strength'
  | 'sampler'
  | 'createdAt'
>;

/**
 * The user's own image with the settings that made it, in one query: a
 * download with the settings inside needs both, and a second round trip cost
 * a small file's download a third of its rate (bench/downloads.ts).
 */
export async function findOwnedImageWithGeneration(
  db: Db,
  userId: string,
  imageId: string,
): Promise<{ image: ImageRow; generation: MadeWith } | null> {
  const { prompt, negativePrompt, modelId, provider, aspectRatio, seed, steps, guidance, strength, sampler, createdAt } = generations;
  const made = { prompt, negativePrompt, modelId, provider, aspectRatio, seed, steps, guidance, strength, sampler, createdAt };
  const rows = await db
    .select({ image: generationImages, generation: made })
    .from(generationImages)
    .innerJoin(generations, eq(generations.id, generationImages.generationId))
    .where(and(eq(generationImages.id, imageId), eq(generationImages.userId, userId)));
  return rows[0] ?? null;
}

/** An image a tool may work on: the user's own, its generation not in the trash, with that generation's prompt. */
export async function findSourceImage(db: Db, userId: string, imageId: string) {
  const rows = await db
    .select({
      id: generationImages.id,
      width: generationImages.width,
      height: generationImages.height,
      moderation: generationImages.moderation,
      prompt: generations.prompt,
    })
    .from(generationImages)
    .innerJoin(generations, eq(generations.id, generationImages.generationId))
    .where(and(eq(generationImages.id, imageId), eq(generationImages.userId, userId), isNull(generations.deletedAt)));
  return rows[0] ?? null;
}

/** System read of a source image's generation: what a grid tool needs to find the grid task (grid-source.ts). Null when the image is gone. */
export async function findGridParent(db: Db, imageId: string) {
  const rows = await db
    .select({
      position: generationImages.position,
      providerModel: generations.providerModel,
      tool: generations.tool,
      providerTaskIds: generations.providerTaskIds,
      createdAt: generations.createdAt,
    })
    .from(generationImages)
    .innerJoin(generations, eq(generations.id, generationImages.generationId))
    .where(eq(generationImages.id, imageId));
  return rows[0] ?? null;
}

/** System read for a tool's run: where the source image's original is stored. */
export async function unsafeFindImageFile(db: Db, imageId: string) {
  const rows = await db
    .select({ originalKey: generationImages.originalKey, contentType: generationImages.contentType })
    .from(generationImages)
    .where(eq(generationImages.id, imageId));
  return rows[0] ?? null;
}

export async function findOwnedImage(db: Db, userId: string, imageId: string): Promise<ImageRow | null> {
  const rows = await db
    .select()
    .from(generationImages)
    .where(and(eq(generationImages.id, imageId), eq(generationImages.userId, userId)));
  return rows[0] ?? null;
}

/**
 * The start of a job run, in one statement: counts the attempt, and moves
 * queued → running (CAS on an active status). Null when the generation is gone
 * or already ended. `started` says this run made the move; `references` how
 * many reference images the generation has (only then are they read).
 */
export async function startRun(db: Db, id: string, now: Date) {
  const starting = statusAllows('running');
  const rows = await db
    .update(generations)
    .set({
      status: sql`case when ${starting} then 'running' else ${generations.status} end`,
      startedAt: sql`case when ${starting} then ${now.toISOString()}::timestamptz else ${generations.startedAt} end`,
      attempts: sql`${generations.attempts} + 1`,
      updatedAt: now,
    })
    .where(and(eq(generations.id, id), statusIsActive()))
    .returning({
      row: generationColumns,
      references: sql<number>`(select count(*)::int from generation_references r where r.generation_id = ${generations.id})`,
    });
  const first = rows[0];
  // RETURNING sees the new row: only this run can have set started_at to its own `now`.
  return first ? { ...first, started: first.row.startedAt?.getTime() === now.getTime() } : null;
}

/**
 * Stores the provider task id of image `index` before anything waits on it, so
 * a retried job reuses the task instead of paying for a second one. CAS on the
 * array length: only the first writer of slot `index` wins.
 */
export async function storeTaskId(db: Db, id: string, index: number, taskId: string): Promise<boolean> {
  const rows = await db
    .update(generations)
    .set({ providerTaskIds: sql`${generations.providerTaskIds} || ${JSON.stringify([taskId])}::jsonb`, updatedAt: new Date() })
    .where(
      and(eq(generations.id, id), eq(generations.status, 'running'), sql`jsonb_array_length(${generations.providerTaskIds}) = ${index}`),
    )
    .returning({ id: generations.id });
  return rows.length === 1;
}

export type NewImage = Omit<typeof generationImages.$inferInsert, 'generationId' | 'userId' | 'createdAt'>;

/**
 * running → succeeded (CAS) with its images and any partial refund recorded,
 * in one statement: atomic on its own, so the usual case (nothing to refund)
 * needs no transaction and one round trip instead of four. False, with
 * nothing written, when it was no longer running.
 */
export async function succeedWithImages(
  db: Db,
  id: string,
  now: Date,
  images: NewImage[],
  outcome: { refunded: number; error: { code: string; message: string } | null },
): Promise<boolean> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const values = images.map(
    (i) => sql`(${i.id}, ${i.position}::int, ${i.originalKey}, ${i.thumbnailKey}, ${i.previewKey}, ${i.contentType},
                ${i.width}::int, ${i.height}::int, ${i.bytes}::int, ${i.moderation ?? 'clear'}, ${i.sha256 ?? null})`,
  );
  const added = values.length
    ? sql`, added as (
        insert into generation_images (id, generation_id, user_id, position, original_key, thumbnail_key, preview_key,
                                       content_type, width, height, bytes, moderation, sha256, created_at)
        select v.id, done.id, done.user_id, v.position, v.original_key, v.thumbnail_key, v.preview_key,
               v.content_type, v.width, v.height, v.bytes, v.moderation, v.sha256, ${at}
        from done, (values ${sql.join(values, sql`, `)})
          as v (id, position, original_key, thumbnail_key, preview_key, content_type, width, height, bytes, moderation, sha256)
        on conflict do nothing)`
    : sql``;
  const rows = await queryRows(
    db,
    sql`
    with done as (
      update generations set status = 'succeeded', completed_at = ${at}, updated_at = ${at}, refunded = ${outcome.refunded}::int,
             error_code = ${outcome.error?.code ?? null}, error_message = ${outcome.error?.message ?? null}
      where id = ${id} and ${statusAllows('succeeded')}
      returning id, user_id)${added}
    select id from done`,
  );
  return rows.length === 1;
}

/** queued | running → failed (CAS). Returns the row when this call made the change. */
export async function markFailed(tx: Db, id: string, now: Date, error: { code: string; message: string }) {
  const rows = await tx
    .update(generations)
    .set({
      status: 'failed',
      completedAt: now,
      updatedAt: now,
      errorCode: error.code,
      errorMessage: error.message,
      refunded: generations.cost,
    })
    .where(and(eq(generations.id, id), statusAllows('failed')))
    .returning(generationColumns);
  return rows[0] ?? null;
}

/**
 * The owner's `from` → canceled (CAS on both the table's sources and the
 * status the caller read, so a queued generation that started meanwhile is
 * not canceled as if it were still queued), marking the whole cost refunded.
 * Returns the row when this call made the change.
 */
export async function markCanceled(tx: Db, input: { userId: string; id: string; from: GenerationStatus; now: Date }) {
  const rows = await tx
    .update(generations)
    .set({ status: 'canceled', completedAt: input.now, updatedAt: input.now, refunded: generations.cost })
    .where(
      and(eq(generations.id, input.id), eq(generations.userId, input.userId), statusAllows('canceled'), eq(generations.status, input.from)),
    )
    .returning(generationColumns);
  return rows[0] ?? null;
}

/** Generations still active after their deadline (system query for the sweeper). */
export async function unsafeFindOverdue(db: Db, now: Date, limit: number) {
  return db
    .select({ id: generations.id })
    .from(generations)
    .where(and(statusIsActive(), lt(generations.deadlineAt, now)))
    .limit(limit);
}

/** Ids of everything in the user's trash. */
export async function listTrashIds(db: Db, userId: string): Promise<string[]> {
  const rows = await db
    .select({ id: generations.id })
    .from(generations)
    .where(and(eq(generations.userId, userId), isNotNull(generations.deletedAt)));
  return rows.map((r) => r.id);
}

/**
 * Deletes the user's generation with its images and references, and every
 * reference upload no other generation uses. Returns the storage keys to
 * remove, or null when nothing was deleted. `trashedOnly` deletes it only if
 * it is in the trash.
 */
export async function deleteGenerationRows(
  tx: Db,
  userId: string,
  id: string,
  opts: { trashedOnly?: boolean } = {},
): Promise<string[] | null> {
  const images = await tx
    .select({ o: generationImages.originalKey, t: generationImages.thumbnailKey, p: generationImages.previewKey })
    .from(generationImages)
    .where(and(eq(generationImages.generationId, id), eq(generationImages.userId, userId)));
  const refs = await tx
    .select({ uploadId: generationReferences.uploadId })
    .from(generationReferences)
    .where(eq(generationReferences.generationId, id));
  const deleted = await tx
    .delete(generations)
    .where(and(eq(generations.id, id), eq(generations.userId, userId), opts.trashedOnly ? isNotNull(generations.deletedAt) : undefined))
    .returning({ id: generations.id });
  if (deleted.length === 0) return null;
  const uploadIds = refs.map((r) => r.uploadId);
  const orphaned = uploadIds.length
    ? await tx
        .delete(uploads)
        .where(
          and(
            eq(uploads.userId, userId),
            inArray(uploads.id, uploadIds),
            sql`not exists (select 1 from generation_references r where r.upload_id = ${uploads.id})`,
          ),
        )
        .returning({ key: uploads.storageKey })
    : [];
  return [...images.flatMap((i) => [i.o, i.t, ...(i.p ? [i.p] : [])]), ...orphaned.map((u) => u.key)];
}

/**
 * Deletes one image of the user's generation (not in the trash) and answers
 * its storage keys; 'last' (nothing deleted) when it is the only image left,
 * null when there is no such image. The generation row is locked so two
 * deletions cannot both see two images and leave none.
 */
export async function deleteImageRow(tx: Db, userId: string, generationId: string, imageId: string): Promise<string[] | 'last' | null> {
  const gen = await tx
    .select({ id: generations.id })
    .from(generations)
    .where(and(eq(generations.id, generationId), eq(generations.userId, userId), isNull(generations.deletedAt)))
    .for('update');
  if (gen.length === 0) return null;
  const images = await tx
    .select({ id: generationImages.id, o: generationImages.originalKey, t: generationImages.thumbnailKey, p: generationImages.previewKey })
    .from(generationImages)
    .where(and(eq(generationImages.generationId, generationId), eq(generationImages.userId, userId)));
  const image = images.find((i) => i.id === imageId);
  if (!image) return null;
  if (images.length === 1) return 'last';
  await tx.delete(generationImages).where(eq(generationImages.id, imageId));
  return [image.o, image.t, ...(image.p ? [image.p] : [])];
}

/** Which of these ids are the user's generations that can be opened (not in the trash, not deleted). */
export async function findOpenGenerationIds(db: Db, userId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: generations.id })
    .from(generations)
    .where(and(eq(generations.userId, userId), inArray(generations.id, ids), isNull(generations.deletedAt)));
  return new Set(rows.map((r) => r.id));
}
