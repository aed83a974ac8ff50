import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import {
  type AccountAction,
  AUDIT_PAGE,
  addDenylistTerm,
  adjustCredits,
  adminDeleteUser,
  checkPrompt,
  decideModerationCase,
  getAdminStats,
  getAdminUser,
  listAudit,
  listDenylist,
  listModerationCases,
  type ModerationStatus,
  refundGeneration,
  removeDenylistTerm,
  runAccountAction,
  searchUsers,
  viewUserImages,
} from '../../api/admin.js';
import type { AdminUser, AuditAction } from '../../api/contracts.js';
import { queryKeys } from '../../api/query-keys.js';
import { newIdempotencyKey } from '../../lib/idempotency-key.js';

/** The dashboard's counts, refreshed every minute while it is open. */
export const useAdminStats = () => useQuery({ queryKey: queryKeys.adminStats, queryFn: getAdminStats, refetchInterval: 60_000 });

/** Accounts matching `q` (already debounced by the caller); nothing is asked for an empty query. */
export function useUserSearch(q: string) {
  return useQuery({
    queryKey: queryKeys.adminUserSearch(q),
    queryFn: ({ signal }) => searchUsers(q, signal),
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
  });
}

/** One account as the console shows it. */
export const useAdminUser = (id: string) => useQuery({ queryKey: queryKeys.adminUser(id), queryFn: () => getAdminUser(id) });

/** After an action on an account: its page, the search lists and the dashboard are out of date. */
function useRefreshAccount(id: string) {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: queryKeys.adminUser(id) }),
      qc.invalidateQueries({ queryKey: ['admin-users'] }),
      qc.invalidateQueries({ queryKey: queryKeys.adminStats }),
    ]);
}

/**
 * Adjusts an account's credits. One Idempotency-Key per intended adjustment:
 * the same amount and reason sent again (a retry after an error, a second
 * click) reuse it, so the server applies it once; `reset()` starts a new one.
 */
export function useAdjustCredits(id: string) {
  const qc = useQueryClient();
  const refresh = useRefreshAccount(id);
  const intent = useRef<{ key: string; body: string } | null>(null);
  const mutation = useMutation({
    mutationFn: (input: { delta: number; reason: string }) => {
      const body = JSON.stringify(input);
      if (intent.current?.body !== body) intent.current = { key: newIdempotencyKey(), body };
      return adjustCredits(id, input, intent.current.key);
    },
    onSuccess: (result) => {
      qc.setQueryData<AdminUser>(queryKeys.adminUser(id), (u) => (u ? { ...u, balance: result.balance } : u));
      return refresh();
    },
  });
  return {
    ...mutation,
    /** Forget the current intent: the next submit is a new adjustment. */
    reset: () => {
      intent.current = null;
      mutation.reset();
    },
  };
}

/** Suspend, lift a suspension, end every session or re-send the verification e-mail, with a reason. */
export function useAccountAction(id: string) {
  const refresh = useRefreshAccount(id);
  return useMutation({
    mutationFn: (input: { action: AccountAction; reason: string }) => runAccountAction(id, input.action, input.reason),
    onSuccess: refresh,
  });
}

/** Gives back what one of the account's generations cost, with a reason. */
export function useRefundGeneration(id: string) {
  const qc = useQueryClient();
  const refresh = useRefreshAccount(id);
  return useMutation({
    mutationFn: (input: { generationId: string; reason: string }) => refundGeneration(input.generationId, input.reason),
    onSuccess: (result) => {
      qc.setQueryData<AdminUser>(queryKeys.adminUser(id), (u) => (u ? { ...u, balance: result.balance } : u));
      return refresh();
    },
  });
}

/** Looks at the account's newest images, with a reason (audited on the server before anything is read). */
export const useViewImages = (id: string) => useMutation({ mutationFn: (reason: string) => viewUserImages(id, reason) });

/** Erases the account, as self-deletion does. */
export function useDeleteAccount(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) => adminDeleteUser(id, reason),
    onSuccess: () => {
      qc.removeQueries({ queryKey: queryKeys.adminUser(id) });
      return qc.invalidateQueries({ queryKey: ['admin-users'] });
    },
  });
}

/** The audit log, newest first, a page at a time (older pages start before the oldest entry shown). */
export function useAudit(filter: { user: string; action: AuditAction | '' }) {
  return useInfiniteQuery({
    queryKey: queryKeys.adminAudit(filter.user, filter.action),
    queryFn: ({ pageParam }) => listAudit({ user: filter.user || undefined, action: filter.action || undefined, before: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => (last.entries.length < AUDIT_PAGE ? undefined : last.entries.at(-1)?.at),
  });
}

/** The moderation queue, one status or all. */
export const useModerationCases = (status: ModerationStatus | null) =>
  useQuery({ queryKey: queryKeys.adminModeration(status), queryFn: () => listModerationCases(status) });

/** Release what was held, or remove it, with a reason. */
export function useDecideCase() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string; decision: 'release' | 'remove'; reason: string }) =>
      decideModerationCase(input.id, input.decision, input.reason),
    onSuccess: () =>
      Promise.all([qc.invalidateQueries({ queryKey: ['admin-moderation'] }), qc.invalidateQueries({ queryKey: queryKeys.adminStats })]),
  });
}

export const useDenylist = () => useQuery({ queryKey: queryKeys.adminDenylist, queryFn: listDenylist });

export function useAddDenylistTerm() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: addDenylistTerm, onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.adminDenylist }) });
}

export function useRemoveDenylistTerm() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: removeDenylistTerm, onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.adminDenylist }) });
}

/** The policy's decision for a prompt; nothing is recorded. */
export const useCheckPrompt = () => useMutation({ mutationFn: checkPrompt });
