import { z } from 'zod';
import { MAX_COUNT, samplingSchema } from './api.js';
import { text } from './text.js';

/**
 * Presets and prompt history (GET/POST/PATCH/DELETE /api/presets,
 * GET/DELETE /api/prompts/history). The web app composes the prompt it sends
 * from these (see web/src/features/create/compose-prompt.ts); the server
 * stores and serves them and records what was sent.
 */

/** How much "undesired content" text goes into the negative prompt. */
export const undesiredLevels = ['heavy', 'light', 'none'] as const;
export const undesiredLevelSchema = z.enum(undesiredLevels);
export type UndesiredLevel = z.infer<typeof undesiredLevelSchema>;

/** A model family's preset texts: tags for SDXL checkpoints, phrases for natural-language models. */
export const familyPresetsSchema = z.object({
  /** Added in front of the prompt while the quality toggle is on. */
  quality: z.string(),
  /** The negative prompt each undesired-content level adds (only for models that take one). */
  undesired: z.object({ heavy: z.string(), light: z.string(), none: z.string() }),
});
export type FamilyPresets = z.infer<typeof familyPresetsSchema>;

/** A built-in look: `{prompt}` in a template is replaced by the user's prompt; without it the template follows the prompt. */
export const stylePresetSchema = z.object({
  id: z.string(),
  name: z.object({ en: z.string(), ja: z.string() }),
  /** The template per model family; a family without one uses `natural`'s. */
  templates: z.record(z.string(), z.string()),
});
export type StylePreset = z.infer<typeof stylePresetSchema>;

export const builtInPresetsSchema = z.object({
  /** Keyed by model family (`natural`, `sdxl`). */
  families: z.record(z.string(), familyPresetsSchema),
  styles: z.array(stylePresetSchema),
});
export type BuiltInPresets = z.infer<typeof builtInPresetsSchema>;

/** Every setting a user preset keeps (the prompt itself is not one of them). */
export const presetSettingsSchema = z
  .object({
    model: text().min(1).max(100),
    aspectRatio: z.string().regex(/^\d+:\d+$/, 'Use a ratio like 1:1'),
    count: z.number().int().min(1).max(MAX_COUNT),
    negativePrompt: text().max(5000),
    /** null: a new random seed each time; a number: always that seed. */
    seed: z.number().int().min(0).max(2_147_483_647).nullable(),
    quality: z.boolean(),
    undesired: undesiredLevelSchema,
    /** A built-in style's id, or null for none. */
    style: text().max(64).nullable(),
    /**
     * Steps, guidance, strength and sampler as set for the preset's model (absent: its
     * defaults). Checked against the model's ranges when a generation is submitted.
     */
    tuning: samplingSchema.strict().optional(),
  })
  .strict();
export type PresetSettings = z.infer<typeof presetSettingsSchema>;

export const MAX_PRESETS = 100;
const presetName = () => text().trim().min(1, 'Give the preset a name').max(60);

export const createPresetSchema = z.object({ name: presetName(), settings: presetSettingsSchema }).strict();
export type CreatePresetInput = z.infer<typeof createPresetSchema>;

export const updatePresetSchema = z
  .object({ name: presetName().optional(), settings: presetSettingsSchema.optional() })
  .strict()
  .refine((p) => p.name !== undefined || p.settings !== undefined, 'Send a name or settings');
export type UpdatePresetInput = z.infer<typeof updatePresetSchema>;

export const userPresetSchema = z.object({
  id: z.string(),
  name: z.string(),
  settings: presetSettingsSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type UserPreset = z.infer<typeof userPresetSchema>;

export const presetsResponseSchema = z.object({
  builtIn: builtInPresetsSchema,
  /** The user's own, by name. */
  presets: z.array(userPresetSchema),
  max: z.number().int(),
});
export type PresetsResponse = z.infer<typeof presetsResponseSchema>;

export const MAX_HISTORY = 200;

export const historyQuerySchema = z.object({ q: text().trim().max(200).optional() });

export const historyEntrySchema = z.object({ id: z.string(), prompt: z.string(), usedAt: z.string() });
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

/** Newest first; at most MAX_HISTORY. */
export const historyResponseSchema = z.object({ items: z.array(historyEntrySchema) });
export type HistoryResponse = z.infer<typeof historyResponseSchema>;

export const clearHistoryResultSchema = z.object({ deleted: z.number().int() });
