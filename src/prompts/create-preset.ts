import { sql } from 'drizzle-orm';
import { type CreatePresetInput, createPresetSchema, MAX_PRESETS, type UserPreset } from '../contracts/prompts.js';
import { type Db, queryRows } from '../db/index.js';
import type { Clock } from '../lib/clock.js';
import { AppError } from '../lib/errors.js';
import { newId } from '../lib/ids.js';
import { type PresetRow, toPresetView } from './presets.queries.js';

export const nameTaken = (name: string) => new AppError('conflict', `You already have a preset called "${name}".`, { field: 'name' });
const tooMany = () => new AppError('limit_reached', `You can keep at most ${MAX_PRESETS} presets. Delete one first.`, { field: 'name' });

/**
 * Saves the user's settings under a new name. One statement inserts only
 * while the user has fewer than MAX_PRESETS and no preset of that name
 * (case-insensitive). Throws conflict (name taken) or limit_reached.
 */
export async function createPreset(
  deps: { db: Db; clock: Clock },
  input: { userId: string; preset: CreatePresetInput },
): Promise<UserPreset> {
  const { name, settings } = createPresetSchema.parse(input.preset);
  const now = deps.clock.now();
  const [row] = await queryRows<{ id: string; created: boolean }>(
    deps.db,
    sql`
      with mine as (select count(*) as n from user_presets where user_id = ${input.userId}),
      added as (
        insert into user_presets (id, user_id, name, settings, created_at, updated_at)
        select ${newId()}, ${input.userId}, ${name}, ${JSON.stringify(settings)}::jsonb, ${now.toISOString()}, ${now.toISOString()}
        from mine where mine.n < ${MAX_PRESETS}
        on conflict (user_id, lower(name)) do nothing
        returning id
      )
      select (select id from added) as id, (select n from mine) < ${MAX_PRESETS} as created`,
  );
  if (!row?.id) throw row?.created === false ? tooMany() : nameTaken(name);
  const created: PresetRow = { id: row.id, userId: input.userId, name, settings, createdAt: now, updatedAt: now };
  return toPresetView(created);
}
