import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { listOperatorAlerts, resolveOperatorAlert } from '../../api/alerts.js';
import { queryKeys } from '../../api/query-keys.js';

/** Open operator alerts, re-checked every minute while an operator has the app open. */
export function useOperatorAlerts(enabled: boolean) {
  return useQuery({ queryKey: queryKeys.adminAlerts, queryFn: listOperatorAlerts, enabled, refetchInterval: 60_000 });
}

export function useResolveAlert() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: resolveOperatorAlert, onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.adminAlerts }) });
}
