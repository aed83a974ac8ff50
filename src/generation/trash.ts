import type { Generation } from '../contracts/api.js';
import { notFound } from '../lib/errors.js';
import { notifyLiveBestEffort } from '../pubsub/index.js';
import type { GenerationContext } from './context.js';
import { purgeGeneration } from './delete-generation.js';
import { findGeneration, listTrashRows, setTrashed, unsafeFindTrashBefore } from './generation.queries.js';
import { toGenerationViews } from './to-view.js';

/** The user's trash: deleted generations that can still be restored. */
export async function listTrash(deps: Pick<GenerationContext, 'db' | 'modelNames'>, input: { userId: string }): Promise<Generation[]> {
  return toGenerationViews(deps.db, await listTrashRows(deps.db, input.userId, 200), deps.modelNames, false);
}

/** Puts a trashed generation back in the gallery. Throws not_found when it is not in the trash (or not the user's). */
export async function restoreGeneration(
  deps: Pick<GenerationContext, 'db' | 'log' | 'modelNames'>,
  input: { userId: string; generationId: string },
): Promise<Generation> {
  if (!(await setTrashed(deps.db, input.userId, input.generationId, null))) throw notFound('That generation');
  const row = await findGeneration(deps.db, input.userId, input.generationId);
  if (!row) throw notFound('That generation');
  await notifyLiveBestEffort(deps.db, deps.log, { userId: input.userId, kind: 'generation_restored', id: input.generationId });
  const [view] = await toGenerationViews(deps.db, [row], deps.modelNames, false);
  return view!;
}

/** Retention: removes for good what has been in the trash longer than `trashDays`. Returns how many. */
export async function emptyExpiredTrash(deps: Pick<GenerationContext, 'db' | 'storage' | 'clock' | 'settings'>): Promise<number> {
  const before = new Date(deps.clock.now().getTime() - deps.settings.trashDays * 86_400_000);
  let purged = 0;
  for (;;) {
    const batch = await unsafeFindTrashBefore(deps.db, before, 100);
    for (const g of batch) if (await purgeGeneration(deps, { userId: g.userId, generationId: g.id })) purged++;
    if (batch.length < 100) return purged;
  }
}
