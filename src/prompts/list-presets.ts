import { asc, eq, sql } from 'drizzle-orm';
import type { UserPreset } from '../contracts/prompts.js';
import type { Db } from '../db/index.js';
import { toPresetView } from './presets.queries.js';
import { userPresets } from './prompts.schema.js';

/** The user's own presets, by name. */
export async function listPresets(deps: { db: Db }, input: { userId: string }): Promise<UserPreset[]> {
  const rows = await deps.db
    .select()
    .from(userPresets)
    .where(eq(userPresets.userId, input.userId))
    .orderBy(asc(sql`lower(${userPresets.name})`), asc(userPresets.id));
  return rows.map(toPresetView);
}
