import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { listOperatorAlerts, resolveOperatorAlert } from '../../api/alerts.js';
import type { Me } from '../../api/contracts.js';
import { queryKeys } from '../../api/query-keys.js';
import { may } from './permissions.js';

/** Whether this account sees the alerts banner: a role that handles alerts, signing in with two factors (the server refuses the rest). */
export const alertsShownTo = (me: Me | null | undefined): boolean => Boolean(me && may(me.role, 'alerts') && me.twoFactorEnabled);

/** Open operator alerts, re-checked every minute while an operator has the app open. */
export function useOperatorAlerts(enabled: boolean) {
  return useQuery({ queryKey: queryKeys.adminAlerts, queryFn: listOperatorAlerts, enabled, refetchInterval: 60_000 });
}

export function useResolveAlert() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: resolveOperatorAlert, onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.adminAlerts }) });
}
