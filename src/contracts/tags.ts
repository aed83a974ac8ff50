import { z } from 'zod';
import { text } from './text.js';

/** Most suggestions one request may ask for. */
export const MAX_TAG_SUGGESTIONS = 20;

/** GET /api/tags/suggest query: what the user is typing (one tag, as typed), and how many to return. */
export const tagSuggestQuerySchema = z.object({
  q: text().trim().min(1).max(100),
  limit: z.coerce.number().int().min(1).max(MAX_TAG_SUGGESTIONS).default(8),
});

export const tagCategorySchema = z.enum(['general', 'artist', 'copyright', 'character', 'meta']);
export type TagCategory = z.infer<typeof tagCategorySchema>;

export const tagSuggestionSchema = z.object({
  /** Danbooru's spelling, with underscores (the UI shows spaces unless the user keeps them). */
  name: z.string(),
  category: tagCategorySchema,
  postCount: z.number().int(),
  /** The alias or Japanese term the query matched, when it was not the name (e.g. `/lh`, `長髪`). */
  alias: z.string().optional(),
});
export type TagSuggestion = z.infer<typeof tagSuggestionSchema>;

/** GET /api/tags/suggest → 200 */
export const tagSuggestResponseSchema = z.object({ tags: z.array(tagSuggestionSchema) });
export type TagSuggestResponse = z.infer<typeof tagSuggestResponseSchema>;

/** POST /api/tags/check: tags of a prompt, as typed (spaces or underscores, any case). */
export const tagCheckSchema = z.object({ names: z.array(text().trim().min(1).max(100)).max(200) }).strict();
/** The names the list does not know (as sent), so the prompt box can mark them. */
export const tagCheckResponseSchema = z.object({ unknown: z.array(z.string()) });
export type TagCheckResponse = z.infer<typeof tagCheckResponseSchema>;
