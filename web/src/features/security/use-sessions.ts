import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SessionInfo } from '../../api/contracts.js';
import { queryKeys } from '../../api/query-keys.js';
import { listSessions, revokeOtherSessions, revokeSession } from '../../api/sessions.js';

/** Where the account is signed in: this device first, then the most recently used. */
export function useSessions() {
  return useQuery({
    queryKey: queryKeys.sessions,
    queryFn: listSessions,
    select: (d) => [...d.sessions].sort((a, b) => Number(b.current) - Number(a.current) || b.lastUsedAt.localeCompare(a.lastUsedAt)),
  });
}

type Sessions = { sessions: SessionInfo[] };

/** Signs one other device out. */
export function useRevokeSession() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: revokeSession,
    onSuccess: (_, id) =>
      qc.setQueryData<Sessions>(queryKeys.sessions, (d) => (d ? { sessions: d.sessions.filter((s) => s.id !== id) } : d)),
  });
}

/** Signs out every device but this one. */
export function useRevokeOtherSessions() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: revokeOtherSessions,
    onSuccess: () => qc.setQueryData<Sessions>(queryKeys.sessions, (d) => (d ? { sessions: d.sessions.filter((s) => s.current) } : d)),
  });
}
