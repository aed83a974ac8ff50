import { useMutation, useQueryClient } from '@tanstack/react-query';
import { downloadZip, runBulkAction } from '../../api/bulk.js';
import { queryKeys } from '../../api/query-keys.js';
import { removeGeneration } from './gallery-cache.js';

/** Deletes the picked generations at once (into the trash, all or none) and drops them from every cached list. */
export function useBulkDelete() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (ids: string[]) => runBulkAction({ action: 'delete', ids }),
    onSuccess: (_, ids) => {
      for (const id of ids) removeGeneration(qc, id);
      void qc.invalidateQueries({ queryKey: queryKeys.trash });
    },
  });
}

/** Downloads the picked generations' images as one ZIP. */
export function useBulkDownload() {
  return useMutation({ mutationFn: (ids: string[]) => downloadZip(ids) });
}

/** Favourites the picked generations' images, or puts them into an album; then every cached list is asked again. */
export function useBulkOrganise() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { ids: string[]; albumId?: string }) =>
      runBulkAction(
        input.albumId ? { action: 'add-to-album', ids: input.ids, albumId: input.albumId } : { action: 'favourite', ids: input.ids },
      ),
    onSuccess: () =>
      Promise.all([qc.invalidateQueries({ queryKey: queryKeys.generations }), qc.invalidateQueries({ queryKey: queryKeys.albums })]),
  });
}
