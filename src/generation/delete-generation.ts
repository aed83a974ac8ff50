import { AppError, notFound } from '../lib/errors.js';
import { notifyLiveBestEffort } from '../pubsub/index.js';
import type { GenerationContext } from './context.js';
import { deleteGenerationRows, findGeneration } from './generation.queries.js';
import { isTerminal } from './state.js';

/**
 * Deletes one of the user's finished generations: the row, its images and
 * thumbnails, and reference uploads no other generation uses. Rows go first (in
 * one transaction), then the files. Throws not_found, or conflict while it runs.
 */
export async function deleteGeneration(
  deps: Pick<GenerationContext, 'db' | 'storage' | 'log'>,
  input: { userId: string; generationId: string },
): Promise<void> {
  const gen = await findGeneration(deps.db, input.userId, input.generationId);
  if (!gen) throw notFound('That generation');
  if (!isTerminal(gen.status as 'queued')) {
    throw new AppError('conflict', 'This generation is still in progress. You can delete it once it has finished.');
  }
  const keys = await deps.db.transaction((tx) => deleteGenerationRows(tx, input.userId, input.generationId));
  if (!keys) throw notFound('That generation');
  await deps.storage.delete(keys);
  await notifyLiveBestEffort(deps.db, deps.log, { userId: input.userId, kind: 'generation_deleted', id: input.generationId });
}
