import { sql } from 'drizzle-orm';
import type { GenerationStatus } from '../contracts/api.js';
import { LINEAGE_MAX_ANCESTORS, LINEAGE_MAX_DEPTH, LINEAGE_MAX_DESCENDANTS } from '../contracts/lineage.js';
import type { GenerationTool } from '../contracts/tools.js';
import { type Db, queryRows } from '../db/index.js';

/** Whether the viewer may see the image aliased `i` (the same rule as to-view.ts's imageVisible, written for SQL). */
const visible = (mature: boolean) => sql`(i.moderation = 'clear' or (i.moderation = 'mature' and ${mature}::boolean))`;

export type AncestorRow = { id: string; tool: GenerationTool; status: GenerationStatus; image_id: string | null; depth: number };

/**
 * The user's generations this one was made from, nearest first, each with
 * the image of it the next one used (null when the viewer may not see it).
 * The walk stops at a trashed or someone else's generation, and after
 * LINEAGE_MAX_ANCESTORS steps (which also ends any cycle bad data could make).
 */
export async function ancestorRows(db: Db, input: { userId: string; generationId: string; mature: boolean }): Promise<AncestorRow[]> {
  return queryRows<AncestorRow>(
    db,
    sql`
      with recursive up(id, tool, status, parent_image_id, via_image_id, depth) as (
        select g.id, g.tool, g.status, g.parent_image_id, null::text, 0
        from generations g
        where g.id = ${input.generationId} and g.user_id = ${input.userId} and g.deleted_at is null
        union all
        select p.id, p.tool, p.status, p.parent_image_id, up.parent_image_id, up.depth + 1
        from up
        join generation_images src on src.id = up.parent_image_id
        join generations p on p.id = src.generation_id
        where up.depth < ${LINEAGE_MAX_ANCESTORS} and p.user_id = ${input.userId} and p.deleted_at is null
      )
      select up.id, up.tool, up.status, up.depth,
        (select i.id from generation_images i where i.id = up.via_image_id and ${visible(input.mature)}) as image_id
      from up
      where up.depth > 0
      order by up.depth`,
  );
}

export type DescendantRow = {
  id: string;
  tool: GenerationTool;
  status: GenerationStatus;
  parent_generation_id: string;
  parent_image_id: string | null;
  thumbnail_image_id: string | null;
  depth: number;
};

/**
 * Every untrashed generation of the user's made (transitively) from an image
 * of this one, at most LINEAGE_MAX_DEPTH levels down. No ORDER BY on purpose:
 * PostgreSQL hands a recursive CTE's rows out level by level, so the LIMIT
 * stops the walk early and keeps whole upper levels (every row's parent is in).
 * One row more than the cap says the tree was cut.
 */
export async function descendantRows(db: Db, input: { userId: string; generationId: string; mature: boolean }): Promise<DescendantRow[]> {
  return queryRows<DescendantRow>(
    db,
    sql`
      with recursive down(id, tool, status, parent_generation_id, parent_image_id, created_at, depth) as (
        select c.id, c.tool, c.status, src.generation_id, c.parent_image_id, c.created_at, 1
        from generation_images src
        join generations c on c.parent_image_id = src.id
        where src.generation_id = ${input.generationId} and c.user_id = ${input.userId} and c.deleted_at is null
        union all
        select c.id, c.tool, c.status, down.id, c.parent_image_id, c.created_at, down.depth + 1
        from down
        join generation_images src on src.generation_id = down.id
        join generations c on c.parent_image_id = src.id
        where down.depth < ${LINEAGE_MAX_DEPTH} and c.user_id = ${input.userId} and c.deleted_at is null
      ),
      cut as (select * from down limit ${LINEAGE_MAX_DESCENDANTS})
      select cut.id, cut.tool, cut.status, cut.parent_generation_id, cut.depth,
        (select i.id from generation_images i where i.id = cut.parent_image_id and ${visible(input.mature)}) as parent_image_id,
        (select i.id from generation_images i where i.generation_id = cut.id and ${visible(input.mature)} order by i.position limit 1)
          as thumbnail_image_id
      from cut
      order by cut.depth, cut.created_at, cut.id`,
  );
}
