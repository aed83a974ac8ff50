import { and, eq } from 'drizzle-orm';
import { type UpdatePresetInput, type UserPreset, updatePresetSchema } from '../contracts/prompts.js';
import type { Db } from '../db/index.js';
import type { Clock } from '../lib/clock.js';
import { notFound } from '../lib/errors.js';
import { nameTaken } from './create-preset.js';
import { isUniqueViolation, toPresetView } from './presets.queries.js';
import { userPresets } from './prompts.schema.js';

/**
 * Renames a preset of the user's and/or replaces its settings. Throws
 * not_found for someone else's preset and conflict when the new name is taken.
 */
export async function updatePreset(
  deps: { db: Db; clock: Clock },
  input: { userId: string; presetId: string; patch: UpdatePresetInput },
): Promise<UserPreset> {
  const patch = updatePresetSchema.parse(input.patch);
  try {
    const [row] = await deps.db
      .update(userPresets)
      .set({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.settings !== undefined ? { settings: patch.settings } : {}),
        updatedAt: deps.clock.now(),
      })
      .where(and(eq(userPresets.id, input.presetId), eq(userPresets.userId, input.userId)))
      .returning();
    if (!row) throw notFound('That preset');
    return toPresetView(row);
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken(patch.name ?? '');
    throw err;
  }
}
