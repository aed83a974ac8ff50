import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Generation } from '../../api/contracts.js';
import { deleteForever, emptyTrash, listTrash, restoreGeneration } from '../../api/generations.js';
import { queryKeys } from '../../api/query-keys.js';

/** Deleted generations that can still be restored, most recently deleted first. */
export function useTrash() {
  return useQuery({
    queryKey: queryKeys.trash,
    queryFn: listTrash,
    select: (d) => [...d.items].sort((a, b) => (b.deletedAt ?? '').localeCompare(a.deletedAt ?? '')),
  });
}

/** Restores one: it leaves the trash and the gallery is read again (it returns to its place by date). */
export function useRestoreGeneration() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: restoreGeneration,
    onSuccess: (restored) => {
      qc.setQueryData<{ items: Generation[] }>(queryKeys.trash, (d) => (d ? { items: d.items.filter((g) => g.id !== restored.id) } : d));
      qc.setQueryData<Generation>(queryKeys.generation(restored.id), restored);
      void qc.invalidateQueries({ queryKey: queryKeys.generations });
    },
  });
}

/** Deletes one trashed generation for good (files included); it leaves the list. */
export function useDeleteForever() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: deleteForever,
    onSuccess: (_, id) => {
      qc.setQueryData<{ items: Generation[] }>(queryKeys.trash, (d) => (d ? { items: d.items.filter((g) => g.id !== id) } : d));
    },
  });
}

/** Empties the trash for good; the page is read again (something may have been deleted meanwhile). */
export function useEmptyTrash() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: emptyTrash,
    onSuccess: () => {
      qc.setQueryData<{ items: Generation[] }>(queryKeys.trash, { items: [] });
      void qc.invalidateQueries({ queryKey: queryKeys.trash });
    },
  });
}

/** Whole days left before a trashed generation is purged (0: today). */
export function daysLeft(deletedAt: string | null, trashDays: number, now = Date.now()): number {
  if (!deletedAt) return trashDays;
  const purgeAt = new Date(deletedAt).getTime() + trashDays * 86_400_000;
  return Math.max(0, Math.ceil((purgeAt - now) / 86_400_000));
}
