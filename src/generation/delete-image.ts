import type { Generation } from '../contracts/api.js';
import { notFound } from '../lib/errors.js';
import { notifyLiveBestEffort } from '../pubsub/index.js';
import type { GenerationContext } from './context.js';
import { deleteGeneration } from './delete-generation.js';
import { deleteImageRow } from './generation.queries.js';
import { getGenerationOrThrow } from './get-generation.js';

/**
 * Deletes one image of a batch for good, its files at once (the user
 * confirmed it; the trash holds whole generations). The other images stay and
 * nothing is refunded: the image was delivered. The last image left goes the
 * way of its generation (`deleteGeneration`: the trash, or gone when the trash
 * is off) and the answer is null. Throws not_found for anyone else's image.
 */
export async function deleteImage(
  deps: Pick<GenerationContext, 'db' | 'storage' | 'log' | 'clock' | 'settings' | 'modelNames'>,
  input: { userId: string; generationId: string; imageId: string },
): Promise<Generation | null> {
  const keys = await deps.db.transaction((tx) => deleteImageRow(tx, input.userId, input.generationId, input.imageId));
  if (keys === null) throw notFound('That image');
  if (keys === 'last') {
    await deleteGeneration(deps, { userId: input.userId, generationId: input.generationId });
    return null;
  }
  await deps.storage.delete(keys);
  await notifyLiveBestEffort(deps.db, deps.log, { userId: input.userId, kind: 'generation', id: input.generationId });
  return getGenerationOrThrow(deps, input);
}
