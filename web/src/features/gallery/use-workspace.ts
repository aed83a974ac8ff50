import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Generation, GenerationPage, UpdateAlbumInput } from '../../api/contracts.js';
import { albumsQuery } from '../../api/first-queries.js';
import { addAlbumImage, createAlbum, deleteAlbum, removeAlbumImage, setFavourite, updateAlbum } from '../../api/gallery.js';
import { queryKeys } from '../../api/query-keys.js';

type Pages = { pages: GenerationPage[]; pageParams: unknown[] };

/** Every cached copy of the image (gallery pages, filtered or not, and detail entries) gets its new favourite mark. */
function markFavourite(qc: QueryClient, imageId: string, favourite: boolean): void {
  const patch = (g: Generation): Generation =>
    g.images.some((i) => i.id === imageId) ? { ...g, images: g.images.map((i) => (i.id === imageId ? { ...i, favourite } : i)) } : g;
  qc.setQueriesData<Pages>({ queryKey: queryKeys.generations }, (data) =>
    data?.pages ? { ...data, pages: data.pages.map((p) => ({ ...p, items: p.items.map(patch) })) } : data,
  );
  qc.setQueriesData<Generation>({ queryKey: ['generation'] }, (g) => (g?.images ? patch(g) : g));
}

/** Marks an image a favourite or not; the caches follow at once, filtered galleries refetch. */
export function useFavourite() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ imageId, favourite }: { imageId: string; favourite: boolean }) => setFavourite(imageId, favourite),
    onSuccess: ({ imageId, favourite }) => {
      markFavourite(qc, imageId, favourite);
      void qc.invalidateQueries({ queryKey: ['generations', 'filtered'] });
    },
  });
}

/** The user's albums, newest first. */
export function useAlbums() {
  return useQuery(albumsQuery);
}

/** Album changes refresh the album list and any gallery narrowed to an album. */
function useAlbumMutation<I, O>(fn: (input: I) => Promise<O>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () =>
      Promise.all([qc.invalidateQueries({ queryKey: queryKeys.albums }), qc.invalidateQueries({ queryKey: ['generations', 'filtered'] })]),
  });
}

export const useCreateAlbum = () => useAlbumMutation((name: string) => createAlbum({ name }));
export const useUpdateAlbum = () => useAlbumMutation(({ id, patch }: { id: string; patch: UpdateAlbumInput }) => updateAlbum(id, patch));
export const useDeleteAlbum = () => useAlbumMutation((id: string) => deleteAlbum(id));
export const useAddAlbumImage = () =>
  useAlbumMutation(({ albumId, imageId }: { albumId: string; imageId: string }) => addAlbumImage(albumId, imageId));
export const useRemoveAlbumImage = () =>
  useAlbumMutation(({ albumId, imageId }: { albumId: string; imageId: string }) => removeAlbumImage(albumId, imageId));
