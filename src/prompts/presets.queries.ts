import type { UserPreset } from '../contracts/prompts.js';
import type { userPresets } from './prompts.schema.js';

export type PresetRow = typeof userPresets.$inferSelect;

export const toPresetView = (r: PresetRow): UserPreset => ({
  id: r.id,
  name: r.name,
  settings: r.settings,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

/** A unique-index violation (PostgreSQL and PGlite both report SQLSTATE 23505, sometimes as the cause). */
export function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}
