import type { BulkActionInput, BulkResult, GenerationStatus } from '../contracts/index.js';
import type { Db } from '../db/index.js';
import { AppError, notFound } from '../lib/errors.js';
import { notifyLiveBestEffort } from '../pubsub/index.js';
import { findOwnedAlbumOrThrow } from './albums.queries.js';
import { addGenerationsToAlbum, lockOpenGenerations, setGenerationsFavourite, trashGenerations } from './bulk.queries.js';
import type { GenerationContext } from './context.js';
import { deleteGenerationRows } from './generation.queries.js';
import type { ImageModeration } from './generation.schema.js';
import { isTerminal } from './state.js';

type BulkDeps = Pick<GenerationContext, 'db' | 'storage' | 'log' | 'clock' | 'settings'>;

/**
 * POST /api/generations/bulk: one action on many of the user's generations,
 * all or nothing. Every id must be the user's generation outside the trash,
 * or nothing changes and it throws not_found (without saying which id, as for
 * a single one). A new action is a new member of `bulkActionSchema` and a new
 * case here; the `never` default makes a missing case fail to compile.
 */
export async function runBulkAction(
  deps: BulkDeps,
  input: { userId: string; request: BulkActionInput; mature: boolean },
): Promise<BulkResult> {
  const { request, userId } = input;
  // The images the user may see: held and removed ones are never touched, mature ones only with the opt-in.
  const visible: ImageModeration[] = input.mature ? ['clear', 'mature'] : ['clear'];
  switch (request.action) {
    case 'delete':
      return { affected: await deleteGenerations(deps, { userId, ids: request.ids }) };
    case 'favourite':
    case 'unfavourite':
      return onOpenGenerations(deps, userId, request.ids, (tx) =>
        setGenerationsFavourite(tx, userId, request.ids, request.action === 'favourite', visible),
      );
    case 'add-to-album':
      return onOpenGenerations(deps, userId, request.ids, async (tx) => {
        await findOwnedAlbumOrThrow(tx, userId, request.albumId);
        await addGenerationsToAlbum(tx, userId, request.ids, request.albumId, visible);
      });
    default: {
      const unknown: never = request;
      throw new Error(`unhandled bulk action ${String((unknown as { action: unknown }).action)}`);
    }
  }
}

/** Locks the user's named generations (not in the trash), then changes them: all, or none and not_found. */
async function onOpenGenerations(deps: BulkDeps, userId: string, ids: string[], change: (tx: Db) => Promise<void>): Promise<BulkResult> {
  await deps.db.transaction(async (tx) => {
    if ((await lockOpenGenerations(tx, userId, ids)).length !== ids.length) throw notFound('One of those generations');
    await change(tx);
  });
  await notifyLiveBestEffort(deps.db, deps.log, ...ids.map((id) => ({ userId, kind: 'generation' as const, id })));
  return { affected: ids.length };
}

/**
 * What a single delete does (generation/delete-generation.ts), for many at
 * once in ONE transaction: into the trash for `trashDays`, or gone with their
 * files when that is 0; nothing refunded. The rows are locked first; one
 * unknown, foreign or trashed id throws not_found and one still running throws
 * conflict, with nothing changed. Files go after the commit. Returns how many.
 */
export async function deleteGenerations(deps: BulkDeps, input: { userId: string; ids: string[] }): Promise<number> {
  const { userId, ids } = input;
  const keys = await deps.db.transaction(async (tx) => {
    const rows = await lockOpenGenerations(tx, userId, ids);
    if (rows.length !== ids.length) throw notFound('One of those generations');
    if (rows.some((r) => !isTerminal(r.status as GenerationStatus))) {
      throw new AppError('conflict', 'Some of these generations are still in progress. You can delete them once they have finished.');
    }
    if (deps.settings.trashDays > 0) {
      if ((await trashGenerations(tx, userId, ids, deps.clock.now())) !== ids.length) throw notFound('One of those generations');
      return [];
    }
    const removed: string[] = [];
    for (const id of ids) {
      const own = await deleteGenerationRows(tx, userId, id);
      if (!own) throw notFound('One of those generations');
      removed.push(...own);
    }
    return removed;
  });
  if (keys.length > 0) await deps.storage.delete(keys);
  await notifyLiveBestEffort(deps.db, deps.log, ...ids.map((id) => ({ userId, kind: 'generation_deleted' as const, id })));
  return ids.length;
}
