import { apiFetch } from './client.js';
import type { CreatePresetInput, HistoryResponse, PresetsResponse, UpdatePresetInput, UserPreset } from './contracts.js';

/** GET /api/presets – the built-in presets (per model family, styles) and the user's own. */
export const getPresets = () => apiFetch<PresetsResponse>('/api/presets');

/** POST /api/presets – 409 conflict when the name is taken, 409 limit_reached at the limit. */
export const createPreset = (input: CreatePresetInput) => apiFetch<UserPreset>('/api/presets', { method: 'POST', json: { ...input } });

/** PATCH /api/presets/:id – rename and/or replace the settings. */
export const updatePreset = (id: string, patch: UpdatePresetInput) =>
  apiFetch<UserPreset>(`/api/presets/${encodeURIComponent(id)}`, { method: 'PATCH', json: { ...patch } });

/** DELETE /api/presets/:id */
export const deletePreset = (id: string) => apiFetch<undefined>(`/api/presets/${encodeURIComponent(id)}`, { method: 'DELETE' });

/** GET /api/prompts/history?q= – the last prompts sent, newest first. */
export const getPromptHistory = (q: string) =>
  apiFetch<HistoryResponse>(`/api/prompts/history${q.trim() ? `?${new URLSearchParams({ q: q.trim() })}` : ''}`);

/** DELETE /api/prompts/history/:id */
export const deletePromptHistoryEntry = (id: string) =>
  apiFetch<undefined>(`/api/prompts/history/${encodeURIComponent(id)}`, { method: 'DELETE' });

/** DELETE /api/prompts/history – forgets them all. */
export const clearPromptHistory = () => apiFetch<{ deleted: number }>('/api/prompts/history', { method: 'DELETE' });
