import { apiFetch } from './client.js';
import type { Album, AlbumList, CreateAlbumInput, FavouriteState, GenerationPage, UpdateAlbumInput } from './contracts.js';

/** The gallery's filters as the URL carries them (`q`, `model`, `status`, `from`, `to`, `favourite`, `album`); empty values are left out. */
export type GalleryFilterParams = Record<string, string>;

/** GET /api/generations with filters – newest first; pass `nextCursor` back with the same filters for the next page. */
export function listFilteredGenerations(filters: GalleryFilterParams, cursor: string | null, limit = 24): Promise<GenerationPage> {
  const q = new URLSearchParams({ ...filters, limit: String(limit) });
  if (cursor) q.set('cursor', cursor);
  return apiFetch<GenerationPage>(`/api/generations?${q}`);
}

/** PUT / DELETE /api/images/:id/favourite – idempotent; answers the new state. */
export const setFavourite = (imageId: string, favourite: boolean) =>
  apiFetch<FavouriteState>(`/api/images/${encodeURIComponent(imageId)}/favourite`, { method: favourite ? 'PUT' : 'DELETE' });

/** GET /api/albums – newest first, with image counts and cover thumbnails. */
export const listAlbums = () => apiFetch<AlbumList>('/api/albums');

/** POST /api/albums – 409 conflict when the name is taken, 409 limit_reached at the limit. */
export const createAlbum = (input: CreateAlbumInput) => apiFetch<Album>('/api/albums', { method: 'POST', json: { ...input } });

/** PATCH /api/albums/:id – rename and/or set the cover (one of its images; null clears it). */
export const updateAlbum = (id: string, patch: UpdateAlbumInput) =>
  apiFetch<Album>(`/api/albums/${encodeURIComponent(id)}`, { method: 'PATCH', json: { ...patch } });

/** DELETE /api/albums/:id – the images stay. */
export const deleteAlbum = (id: string) => apiFetch<undefined>(`/api/albums/${encodeURIComponent(id)}`, { method: 'DELETE' });

/** PUT /api/albums/:id/images/:imageId – idempotent. */
export const addAlbumImage = (albumId: string, imageId: string) =>
  apiFetch<{ album: Album }>(`/api/albums/${encodeURIComponent(albumId)}/images/${encodeURIComponent(imageId)}`, { method: 'PUT' });

/** DELETE /api/albums/:id/images/:imageId – the image stays in the gallery. */
export const removeAlbumImage = (albumId: string, imageId: string) =>
  apiFetch<{ album: Album }>(`/api/albums/${encodeURIComponent(albumId)}/images/${encodeURIComponent(imageId)}`, { method: 'DELETE' });
