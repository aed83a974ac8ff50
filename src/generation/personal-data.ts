import { and, asc, eq, inArray, lt, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/index.js';
import { albumImages, albums, generationImages, generationReferences, generations, idempotencyKeys, uploads } from './generation.schema.js';

/**
 * The user's generations, result images (with when they were made a
 * favourite), uploads, which uploads each generation used, and albums with
 * their images, for their data export; `key` says where each file is
 * stored so the archive can carry it. Trashed generations are included;
 * images only as the owner may see them (`mature`: opted in now).
 */
export async function exportUserData(db: Db, userId: string, opts: { mature: boolean }) {
  const rows = await db
    .select({
      id: generations.id,
      status: generations.status,
      prompt: generations.prompt,
      negativePrompt: generations.negativePrompt,
      sentPrompt: generations.sentPrompt,
      sentNegativePrompt: generations.sentNegativePrompt,
      model: generations.modelId,
      aspectRatio: generations.aspectRatio,
      count: generations.count,
      seed: generations.seed,
      steps: generations.steps,
      guidance: generations.guidance,
      strength: generations.strength,
      sampler: generations.sampler,
      cost: generations.cost,
      refunded: generations.refunded,
      errorCode: generations.errorCode,
      errorMessage: generations.errorMessage,
      createdAt: generations.createdAt,
      startedAt: generations.startedAt,
      completedAt: generations.completedAt,
      deletedAt: generations.deletedAt,
      tool: generations.tool,
      parentImageId: generations.parentImageId,
      factor: generations.factor,
    })
    .from(generations)
    .where(eq(generations.userId, userId))
    .orderBy(asc(generations.createdAt));
  const images = await db
    .select({
      id: generationImages.id,
      generationId: generationImages.generationId,
      position: generationImages.position,
      key: generationImages.originalKey,
      contentType: generationImages.contentType,
      width: generationImages.width,
      height: generationImages.height,
      favouritedAt: generationImages.favouritedAt,
      createdAt: generationImages.createdAt,
    })
    .from(generationImages)
    // What the owner may see: never an image in review or removed; explicit ones only while opted in.
    .where(and(eq(generationImages.userId, userId), inArray(generationImages.moderation, opts.mature ? ['clear', 'mature'] : ['clear'])));
  const uploadRows = await db
    .select({
      id: uploads.id,
      key: uploads.storageKey,
      contentType: uploads.contentType,
      width: uploads.width,
      height: uploads.height,
      createdAt: uploads.createdAt,
    })
    .from(uploads)
    .where(eq(uploads.userId, userId));
  const references = await db
    .select({ generationId: generationReferences.generationId, uploadId: generationReferences.uploadId, role: generationReferences.role })
    .from(generationReferences)
    .innerJoin(uploads, eq(uploads.id, generationReferences.uploadId))
    .where(eq(uploads.userId, userId));
  const albumRows = await db
    .select({
      id: albums.id,
      name: albums.name,
      coverImageId: albums.coverImageId,
      createdAt: albums.createdAt,
      updatedAt: albums.updatedAt,
    })
    .from(albums)
    .where(eq(albums.userId, userId))
    .orderBy(asc(albums.createdAt));
  const members = await db
    .select({ albumId: albumImages.albumId, imageId: albumImages.imageId, addedAt: albumImages.addedAt })
    .from(albumImages)
    .innerJoin(albums, eq(albums.id, albumImages.albumId))
    .where(eq(albums.userId, userId))
    .orderBy(asc(albumImages.addedAt));
  const albumList = albumRows.map((a) => ({
    ...a,
    images: members.filter((m) => m.albumId === a.id).map((m) => ({ imageId: m.imageId, addedAt: m.addedAt })),
  }));
  return { generations: rows, images, uploads: uploadRows, references, albums: albumList };
}

/**
 * Erases everything of the user's here inside the caller's transaction:
 * albums, generations (trashed ones too) with their images and references,
 * uploads and idempotency keys. Returns the storage keys of their files, to delete
 * once the transaction committed (a file without a row is unreachable; a
 * row without a file would be a broken image).
 */
export async function eraseUserData(tx: Db, userId: string): Promise<{ files: string[] }> {
  // Albums first (their memberships go with them), so no image delete has to clear a cover.
  await tx.delete(albums).where(eq(albums.userId, userId));
  const images = await tx
    .delete(generationImages)
    .where(eq(generationImages.userId, userId))
    .returning({ o: generationImages.originalKey, t: generationImages.thumbnailKey, p: generationImages.previewKey });
  // References and remaining images go with their generation (ON DELETE CASCADE).
  await tx.delete(generations).where(eq(generations.userId, userId));
  const gone = await tx.delete(uploads).where(eq(uploads.userId, userId)).returning({ key: uploads.storageKey });
  await tx.delete(idempotencyKeys).where(eq(idempotencyKeys.userId, userId));
  return { files: [...images.flatMap((i) => [i.o, i.t, ...(i.p ? [i.p] : [])]), ...gone.map((u) => u.key)] };
}

/** Idempotency keys protect retries for a day; older ones go. Returns how many. */
export async function purgeIdempotencyKeys(db: Db, before: Date): Promise<number> {
  const gone = await db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, before)).returning({ key: idempotencyKeys.key });
  return gone.length;
}

/** Generations by status and provider across all users (for /metrics). */
export async function countGenerations(db: Db): Promise<{ status: string; provider: string; n: number }[]> {
  return queryRows<{ status: string; provider: string; n: number }>(
    db,
    sql`select status, provider, count(*)::int as n from generations group by status, provider`,
  );
}
