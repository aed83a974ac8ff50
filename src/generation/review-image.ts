import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import type { Clock } from '../lib/clock.js';
import { notFound } from '../lib/errors.js';
import { queueImageCases } from '../moderation/index.js';
import { findOwnedImageWithGeneration } from './generation.queries.js';
import { generationImages } from './generation.schema.js';
import { imageVisible } from './to-view.js';

/**
 * The owner reports one of their images (something the check missed, or that
 * should not exist): a 'report' case joins the moderation queue with the
 * image's evidence hash and the user's words. The image stays as it is until
 * an operator decides. Throws not_found for an image the user cannot see.
 */
export async function reportImage(
  deps: { db: Db; clock: Clock },
  input: { userId: string; imageId: string; reason: string; mature: boolean },
): Promise<void> {
  const found = await findOwnedImageWithGeneration(deps.db, input.userId, input.imageId);
  if (!found || !imageVisible(found.image.moderation, input.mature)) throw notFound('That image');
  const { image, generation } = found;
  await queueImageCases(deps.db, [
    {
      userId: input.userId,
      kind: 'report',
      category: 'reported',
      imageId: image.id,
      generationId: image.generationId,
      evidenceSha256: image.sha256,
      prompt: generation.prompt,
      negativePrompt: generation.negativePrompt,
      model: generation.modelId,
      note: input.reason,
      now: deps.clock.now(),
    },
  ]);
}

/** An image an operator decided about: whose, which generation, and the files to delete after commit (removal). */
export interface ImageForReview {
  userId: string;
  generationId: string;
  files: string[];
}

/**
 * An operator releases a held image inside the caller's transaction: its
 * owner sees it from now on (its refund, if it had one, stays: money moves
 * once). Only a held image changes; null when there is none to release.
 */
export async function adminReleaseImage(tx: Db, imageId: string): Promise<ImageForReview | null> {
  const rows = await tx
    .update(generationImages)
    .set({ moderation: 'clear' })
    .where(and(eq(generationImages.id, imageId), eq(generationImages.moderation, 'held')))
    .returning({ userId: generationImages.userId, generationId: generationImages.generationId });
  return rows[0] ? { ...rows[0], files: [] } : null;
}

/**
 * An operator removes an image for everyone inside the caller's transaction:
 * it is marked removed (no read path serves it) and its files are returned to
 * delete after commit. The row stays with its evidence hash. Null when the
 * image is gone already (its owner deleted it).
 */
export async function adminRemoveImage(tx: Db, imageId: string): Promise<ImageForReview | null> {
  const rows = await tx
    .update(generationImages)
    .set({ moderation: 'removed' })
    .where(and(eq(generationImages.id, imageId), inArray(generationImages.moderation, ['clear', 'mature', 'held'])))
    .returning({
      userId: generationImages.userId,
      generationId: generationImages.generationId,
      o: generationImages.originalKey,
      t: generationImages.thumbnailKey,
      p: generationImages.previewKey,
    });
  const r = rows[0];
  return r ? { userId: r.userId, generationId: r.generationId, files: [r.o, r.t, ...(r.p ? [r.p] : [])] } : null;
}
