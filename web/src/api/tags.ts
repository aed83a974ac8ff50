import { apiFetch } from './client.js';
import type { TagCheckResponse, TagSuggestResponse } from './contracts.js';

/** GET /api/tags/suggest – tags for what is being typed (one tag, as typed). */
export function suggestTags(q: string, limit: number, signal?: AbortSignal): Promise<TagSuggestResponse> {
  return apiFetch<TagSuggestResponse>(`/api/tags/suggest?${new URLSearchParams({ q, limit: String(limit) })}`, { signal });
}

/** POST /api/tags/check – which of these tags the list does not know. */
export function checkTags(names: string[], signal?: AbortSignal): Promise<TagCheckResponse> {
  return apiFetch<TagCheckResponse>('/api/tags/check', { method: 'POST', json: { names }, signal });
}
