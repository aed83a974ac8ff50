import { type QueryClient, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../api/client.js';
import type { Generation, Lineage } from '../../api/contracts.js';
import { queryKeys } from '../../api/query-keys.js';

/** GET /api/generations/:id/lineage – the sources this one was made from and the versions made from it. */
const getLineage = (id: string) => apiFetch<Lineage>(`/api/generations/${encodeURIComponent(id)}/lineage`);

export function useLineage(id: string) {
  return useQuery({ queryKey: queryKeys.lineage(id), queryFn: () => getLineage(id) });
}

/**
 * A live event about a tool's result can change its relatives' trees (a new
 * version, its status, its thumbnail); which pages show it is unknown here,
 * so every lineage is marked stale and only those on screen ask again.
 */
export function refreshLineages(qc: QueryClient, changed?: Pick<Generation, 'parentImageId'>) {
  if (changed && changed.parentImageId === null) return;
  void qc.invalidateQueries({ queryKey: queryKeys.lineages });
}
