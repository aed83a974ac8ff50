import { apiFetch } from './client.js';
import type {
  DeleteImageResult,
  EmptyTrashResult,
  Generation,
  GenerationPage,
  ModelsResponse,
  Quote,
  SubmitGenerationInput,
  Upload,
} from './contracts.js';

/** GET /api/models – the catalog with each model's cost per image. */
export const getModels = () => apiFetch<ModelsResponse>('/api/models');

/** GET /api/generations – newest first; pass `nextCursor` back for the next page. */
export function listGenerations(cursor: string | null, limit = 24): Promise<GenerationPage> {
  const q = new URLSearchParams({ limit: String(limit) });
  if (cursor) q.set('cursor', cursor);
  return apiFetch<GenerationPage>(`/api/generations?${q}`);
}

/** GET /api/generations/:id */
export const getGeneration = (id: string) => apiFetch<Generation>(`/api/generations/${encodeURIComponent(id)}`);

/** POST /api/generations – debits credits and queues the job; 402 insufficient_credits. */
export const submitGeneration = (input: SubmitGenerationInput) =>
  apiFetch<Generation>('/api/generations', { method: 'POST', json: { ...input } });

/** POST /api/quote – what submitting this body would charge; the same checks (4xx), nothing charged. */
export const quoteGeneration = (input: SubmitGenerationInput, signal?: AbortSignal) =>
  apiFetch<Quote>('/api/quote', { method: 'POST', json: { ...input }, signal });

/** POST /api/generations/:id/cancel – stops a queued (or, where the provider can, running) one with a full refund; 409 cannot_cancel or already_finished. */
export const cancelGeneration = (id: string) =>
  apiFetch<Generation>(`/api/generations/${encodeURIComponent(id)}/cancel`, { method: 'POST', json: {} });

/** DELETE /api/generations/:id – moves it to the trash (restorable for `trashDays`, then purged with its files). */
export const deleteGeneration = (id: string) => apiFetch<undefined>(`/api/generations/${encodeURIComponent(id)}`, { method: 'DELETE' });

/** POST /api/uploads – one reference image (PNG, JPEG or WebP) as multipart field `file`. */
export function uploadReference(file: File, signal?: AbortSignal): Promise<Upload> {
  const form = new FormData();
  form.append('file', file, file.name);
  return apiFetch<Upload>('/api/uploads', { method: 'POST', form, signal });
}

/** The URL of the live event stream (Server-Sent Events of LiveEvent JSON). */
export const liveEventsUrl = '/api/generations/events';

/** GET /api/generations/trash – deleted generations that can still be restored (each with `deletedAt`). */
export const listTrash = () => apiFetch<{ items: Generation[] }>('/api/generations/trash');

/** POST /api/generations/:id/restore – takes a generation out of the trash and back into the gallery. */
export const restoreGeneration = (id: string) =>
  apiFetch<Generation>(`/api/generations/${encodeURIComponent(id)}/restore`, { method: 'POST', json: {} });

/** DELETE /api/generations/trash/:id – deletes one trashed generation for good, its files at once. */
export const deleteForever = (id: string) => apiFetch<undefined>(`/api/generations/trash/${encodeURIComponent(id)}`, { method: 'DELETE' });

/** DELETE /api/generations/trash – empties the trash for good; answers how many went. */
export const emptyTrash = () => apiFetch<EmptyTrashResult>('/api/generations/trash', { method: 'DELETE' });

/** DELETE /api/generations/:id/images/:imageId – deletes one image of a batch for good; `generation` is null when it was the last. */
export const deleteImage = (input: { generationId: string; imageId: string }) =>
  apiFetch<DeleteImageResult>(`/api/generations/${encodeURIComponent(input.generationId)}/images/${encodeURIComponent(input.imageId)}`, {
    method: 'DELETE',
  });
