import type { Lineage, LineageDescendant } from '../contracts/lineage.js';
import type { Db } from '../db/index.js';
import { notFound } from '../lib/errors.js';
import { findGeneration } from './generation.queries.js';
import { ancestorRows, type DescendantRow, descendantRows } from './lineage.queries.js';
import { fileUrls } from './to-view.js';

/**
 * Where one of the user's generations came from and what was made from it,
 * with only the images the viewer may see (`mature`: opted in). Throws the
 * same not_found as getGenerationOrThrow for anyone else's, a trashed or a missing one.
 */
export async function getLineageOrThrow(
  deps: { db: Db },
  input: { userId: string; generationId: string; mature?: boolean },
): Promise<Lineage> {
  const q = { userId: input.userId, generationId: input.generationId, mature: input.mature ?? false };
  if (!(await findGeneration(deps.db, q.userId, q.generationId))) throw notFound('That generation');
  const [up, down] = await Promise.all([ancestorRows(deps.db, q), descendantRows(deps.db, q)]);
  return {
    ancestors: up.reverse().map((r) => ({
      generationId: r.id,
      imageId: r.image_id,
      thumbnailUrl: r.image_id ? fileUrls.thumbnail(r.image_id) : null,
      tool: r.tool,
      status: r.status,
    })),
    descendants: toTree(input.generationId, down),
  };
}

/** Nests the rows (parents before children, as the query orders them) under the generation they were made from. */
function toTree(rootId: string, rows: DescendantRow[]): LineageDescendant[] {
  const childrenOf = new Map<string, LineageDescendant[]>([[rootId, []]]);
  for (const r of rows) {
    const node: LineageDescendant = {
      generationId: r.id,
      tool: r.tool,
      status: r.status,
      parentImageId: r.parent_image_id,
      thumbnailUrl: r.thumbnail_image_id ? fileUrls.thumbnail(r.thumbnail_image_id) : null,
      children: [],
    };
    childrenOf.set(r.id, node.children);
    childrenOf.get(r.parent_generation_id)?.push(node);
  }
  return childrenOf.get(rootId)!;
}
