import { buffer } from 'node:stream/consumers';
import { type Actor, recordOperatorAction } from '../audit/index.js';
import type { AdminUserImage } from '../contracts/admin.js';
import type { Db } from '../db/index.js';
import { adminListUserImages } from '../generation/index.js';
import type { Storage } from '../storage/index.js';

/** How many thumbnails one look shows. */
const LIMIT = 24;

/**
 * An operator looks at an account's images: only with a stated reason, and
 * the look is in the audit log (committed before anything is read, so no
 * look goes unrecorded). Thumbnails come inline, so no file route opens to
 * anyone but the owner.
 */
export async function viewUserImages(
  deps: { db: Db; storage: Storage },
  input: { actor: Actor; userId: string; reason: string; now: Date },
): Promise<AdminUserImage[]> {
  const rows = await adminListUserImages(deps.db, { userId: input.userId, limit: LIMIT });
  await deps.db.transaction((tx) =>
    recordOperatorAction(tx, {
      actor: input.actor,
      action: 'user.images_view',
      targetUserId: input.userId,
      reason: input.reason,
      detail: { images: rows.length },
      now: input.now,
    }),
  );
  return Promise.all(
    rows.map(async (r) => {
      const file = await deps.storage.get(r.thumbnailKey);
      return {
        imageId: r.imageId,
        generationId: r.generationId,
        prompt: r.prompt,
        moderation: r.moderation,
        createdAt: r.createdAt.toISOString(),
        thumbnail: file ? `data:image/webp;base64,${(await buffer(file.stream)).toString('base64')}` : null,
      };
    }),
  );
}
