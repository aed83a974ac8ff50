import type { Actor } from '../audit/index.js';
import { recordOperatorAction } from '../audit/index.js';
import type { Db } from '../db/index.js';
import { adminReleaseImage, adminRemoveImage, type ImageForReview } from '../generation/index.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import { adminDecideCase } from '../moderation/index.js';
import { notifyLiveBestEffort } from '../pubsub/index.js';
import type { Storage } from '../storage/index.js';

/**
 * An operator decides an open moderation case, in one transaction with its
 * audit row: release (a held image becomes visible to its owner; a prompt or
 * report case is dismissed) or remove (the case is upheld; an image is gone
 * for everyone: its files are deleted after commit, the row keeps the
 * evidence hash). A second decision on the same case is a 409, never a second
 * effect. Throws not_found for an unknown case.
 */
export async function decideModerationCase(
  deps: { db: Db; clock: Clock; log: Logger; storage: Storage },
  input: { actor: Actor; caseId: string; decision: 'release' | 'remove'; reason: string },
): Promise<void> {
  const now = deps.clock.now();
  const image = await deps.db.transaction(async (tx) => {
    const decided = await adminDecideCase(tx, { caseId: input.caseId, decision: input.decision, now });
    let touched: ImageForReview | null = null;
    if (decided.imageId) {
      const releasesImage = input.decision === 'release' && decided.kind === 'image';
      if (releasesImage) touched = await adminReleaseImage(tx, decided.imageId);
      if (input.decision === 'remove') touched = await adminRemoveImage(tx, decided.imageId);
    }
    await recordOperatorAction(tx, {
      actor: input.actor,
      action: input.decision === 'release' ? 'moderation.release' : 'moderation.remove',
      targetUserId: decided.userId,
      targetId: decided.id,
      reason: input.reason,
      detail: { kind: decided.kind, ...(decided.imageId ? { imageId: decided.imageId } : {}) },
      now,
    });
    return touched;
  });
  if (!image) return;
  if (image.files.length) await deps.storage.delete(image.files);
  await notifyLiveBestEffort(deps.db, deps.log, { userId: image.userId, kind: 'generation', id: image.generationId });
}
