import type { Generation } from '../contracts/api.js';
import type { Db } from '../db/index.js';
import { notFound } from '../lib/errors.js';
import { findGeneration } from './generation.queries.js';
import { toGenerationViews } from './to-view.js';

/** One of the user's generations, with the images the viewer may see (`mature`: opted in). Throws not_found for anyone else's. */
export async function getGenerationOrThrow(
  deps: { db: Db; modelNames: Map<string, string> },
  input: { userId: string; generationId: string; mature?: boolean },
): Promise<Generation> {
  const row = await findGeneration(deps.db, input.userId, input.generationId);
  if (!row) throw notFound('That generation');
  const [view] = await toGenerationViews(deps.db, [row], deps.modelNames, input.mature ?? false);
  return view!;
}
