import { apiFetch } from './client.js';
import type { TagSuggestResponse } from './contracts.js';

/** GET /api/tags/suggest – tags for what is being typed (one tag, as typed). */
export function suggestTags(q: string, limit: number, signal?: AbortSignal): Promise<TagSuggestResponse> {
  return apiFetch<TagSuggestResponse>(`/api/tags/suggest?${new URLSearchParams({ q, limit: String(limit) })}`, { signal });
}
