import { AppError, notFound } from '../lib/errors.js';
import { notifyLiveBestEffort } from '../pubsub/index.js';
import type { GenerationContext } from './context.js';
import { deleteGenerationRows, findGeneration, setTrashed } from './generation.queries.js';
import { isTerminal } from './state.js';

/**
 * Deletes one of the user's finished generations: into the trash for
 * `trashDays` (restorable), or at once when that is 0. Throws not_found, or
 * conflict while it still runs.
 */
export async function deleteGeneration(
  deps: Pick<GenerationContext, 'db' | 'storage' | 'log' | 'clock' | 'settings'>,
  input: { userId: string; generationId: string },
): Promise<void> {
  const gen = await findGeneration(deps.db, input.userId, input.generationId);
  if (!gen) throw notFound('That generation');
  if (!isTerminal(gen.status as 'queued')) {
    throw new AppError('conflict', 'This generation is still in progress. You can delete it once it has finished.');
  }
  if (deps.settings.trashDays > 0) {
    if (!(await setTrashed(deps.db, input.userId, input.generationId, deps.clock.now()))) throw notFound('That generation');
  } else if (!(await purgeGeneration(deps, { userId: input.userId, generationId: input.generationId }))) {
    throw notFound('That generation');
  }
  await notifyLiveBestEffort(deps.db, deps.log, { userId: input.userId, kind: 'generation_deleted', id: input.generationId });
}

/**
 * Removes a generation for good: the row, its images, previews and
 * thumbnails, and reference uploads no other generation uses. Rows go first
 * (one transaction), then the files. Returns false when it was already gone.
 */
export async function purgeGeneration(deps: Pick<GenerationContext, 'db' | 'storage'>, input: { userId: string; generationId: string }) {
  const keys = await deps.db.transaction((tx) => deleteGenerationRows(tx, input.userId, input.generationId));
  if (!keys) return false;
  await deps.storage.delete(keys);
  return true;
}
