import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DataExport } from '../../api/contracts.js';
import { getExport, listExports, requestExport } from '../../api/privacy.js';
import { queryKeys } from '../../api/query-keys.js';

type ExportList = { exports: DataExport[] };

export const isActive = (e: DataExport) => e.status === 'queued' || e.status === 'running';

/** The user's exports, newest first. */
export function useExports() {
  return useQuery({ queryKey: queryKeys.exports, queryFn: listExports });
}

/** One export, asked about every second while it is queued or running; the list follows along. */
export function useExportProgress(id: string | undefined) {
  const qc = useQueryClient();
  return useQuery({
    queryKey: queryKeys.export(id ?? ''),
    queryFn: async () => {
      const fresh = await getExport(id ?? '');
      qc.setQueryData<ExportList>(queryKeys.exports, (d) => (d ? { exports: d.exports.map((e) => (e.id === fresh.id ? fresh : e)) } : d));
      return fresh;
    },
    enabled: Boolean(id),
    refetchInterval: (q) => (q.state.data && !isActive(q.state.data) ? false : 1000),
  });
}

/** Starts an export; 429 rate_limited within an hour of the last one. */
export function useRequestExport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: requestExport,
    onSuccess: (created) => {
      qc.setQueryData<ExportList>(queryKeys.exports, (d) => ({
        exports: [created, ...(d?.exports ?? []).filter((e) => e.id !== created.id)],
      }));
      qc.setQueryData(queryKeys.export(created.id), created);
    },
  });
}
