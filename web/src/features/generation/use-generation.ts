import { type InfiniteData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Generation, GenerationPage } from '../../api/contracts.js';
import { cancelGeneration, deleteGeneration, deleteImage, getGeneration } from '../../api/generations.js';
import { queryKeys } from '../../api/query-keys.js';
import { removeGeneration, upsertGeneration } from '../gallery/gallery-cache.js';

/** One generation; shows the gallery's copy at once while the fresh one loads. Live events keep it current. */
export function useGeneration(id: string | undefined) {
  const qc = useQueryClient();
  return useQuery({
    queryKey: queryKeys.generation(id ?? ''),
    queryFn: () => getGeneration(id ?? ''),
    enabled: Boolean(id),
    placeholderData: () =>
      qc
        .getQueryData<InfiniteData<GenerationPage>>(queryKeys.generations)
        ?.pages.flatMap((p) => p.items)
        .find((g): g is Generation => g.id === id),
  });
}

/** Deletes a generation (into the trash) and drops it from every cached list. */
export function useDeleteGeneration() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: deleteGeneration,
    onSuccess: (_, id) => {
      removeGeneration(qc, id);
      void qc.invalidateQueries({ queryKey: queryKeys.trash });
    },
  });
}

/** Deletes one image of a batch for good; the last one takes its generation to the trash (the answer is then null). */
export function useDeleteImage() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: deleteImage,
    onSuccess: ({ generation }, { generationId }) => {
      if (generation) {
        upsertGeneration(qc, generation);
        return;
      }
      removeGeneration(qc, generationId);
      void qc.invalidateQueries({ queryKey: queryKeys.trash });
    },
  });
}

/** Cancels a queued (or stoppable running) generation; the refund shows in the header at once. */
export function useCancelGeneration() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: cancelGeneration,
    onSuccess: (generation) => {
      upsertGeneration(qc, generation);
      qc.setQueryData(queryKeys.generation(generation.id), generation);
      // The balance is asked again, never added to here: the live `credits` event may already have
      // brought the refunded balance, and adding the refund to that showed it twice.
      void qc.invalidateQueries({ queryKey: queryKeys.me });
      void qc.invalidateQueries({ queryKey: queryKeys.credits });
    },
  });
}
