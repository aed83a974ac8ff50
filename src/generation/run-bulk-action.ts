import type { BulkActionInput, BulkResult, GenerationStatus } from '../contracts/index.js';
import { AppError, notFound } from '../lib/errors.js';
import { notifyLiveBestEffort } from '../pubsub/index.js';
import { lockOpenGenerations, trashGenerations } from './bulk.queries.js';
import type { GenerationContext } from './context.js';
import { deleteGenerationRows } from './generation.queries.js';
import { isTerminal } from './state.js';

type BulkDeps = Pick<GenerationContext, 'db' | 'storage' | 'log' | 'clock' | 'settings'>;

/**
 * POST /api/generations/bulk: one action on many of the user's generations,
 * all or nothing. Every id must be the user's generation outside the trash,
 * or nothing changes and it throws not_found (without saying which id, as for
 * a single one). A new action is a new member of `bulkActionSchema` and a new
 * case here; the `never` default makes a missing case fail to compile.
 */
export async function runBulkAction(deps: BulkDeps, input: { userId: string; request: BulkActionInput }): Promise<BulkResult> {
  const { request } = input;
  switch (request.action) {
    case 'delete':
      return { affected: await deleteGenerations(deps, { userId: input.userId, ids: request.ids }) };
    default: {
      const unknown: never = request.action;
      throw new Error(`unhandled bulk action ${String(unknown)}`);
    }
  }
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
