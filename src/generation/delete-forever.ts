import { notFound } from '../lib/errors.js';
import type { GenerationContext } from './context.js';
import { deleteGenerationRows, listTrashIds } from './generation.queries.js';

type Deps = Pick<GenerationContext, 'db' | 'storage'>;

/**
 * Deletes one generation from the user's trash for good: its rows in one
 * transaction, then its files at once (not at the end of the retention
 * period). Nothing is refunded. Throws not_found unless it is in this user's trash.
 */
export async function deleteForever(deps: Deps, input: { userId: string; generationId: string }): Promise<void> {
  const keys = await deps.db.transaction((tx) => deleteGenerationRows(tx, input.userId, input.generationId, { trashedOnly: true }));
  if (!keys) throw notFound('That generation');
  await deps.storage.delete(keys);
}

/**
 * Empties the user's trash for good, like `deleteForever` for each item, in
 * one transaction, then deletes the files. Returns how many generations went.
 */
export async function emptyTrash(deps: Deps, input: { userId: string }): Promise<{ deleted: number }> {
  const { deleted, keys } = await deps.db.transaction(async (tx) => {
    const all: string[] = [];
    let count = 0;
    for (const id of await listTrashIds(tx, input.userId)) {
      const removed = await deleteGenerationRows(tx, input.userId, id, { trashedOnly: true });
      if (!removed) continue;
      count++;
      all.push(...removed);
    }
    return { deleted: count, keys: all };
  });
  if (keys.length) await deps.storage.delete(keys);
  return { deleted };
}
