import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Generation } from '../../api/contracts.js';
import { listTrash, restoreGeneration } from '../../api/generations.js';
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

/** Whole days left before a trashed generation is purged (0: today). */
export function daysLeft(deletedAt: string | null, trashDays: number, now = Date.now()): number {
  if (!deletedAt) return trashDays;
  const purgeAt = new Date(deletedAt).getTime() + trashDays * 86_400_000;
  return Math.max(0, Math.ceil((purgeAt - now) / 86_400_000));
}
