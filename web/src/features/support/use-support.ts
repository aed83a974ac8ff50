import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SupportStatus, SupportThread } from '../../api/contracts.js';
import { queryKeys } from '../../api/query-keys.js';
import {
  addSupportMessage,
  adminCloseSupportRequest,
  adminGetSupportRequest,
  adminListSupportRequests,
  adminReplySupportRequest,
  createSupportRequest,
  getMySupportRequest,
  listMySupportRequests,
} from '../../api/support.js';

/** The user's own support requests. */
export const useMySupportRequests = () => useQuery({ queryKey: queryKeys.mySupport, queryFn: listMySupportRequests });

/** One of the user's requests with its thread; looked at again every 30 s while open, so an answer shows up. */
export const useMySupportRequest = (id: string) =>
  useQuery({ queryKey: queryKeys.mySupportRequest(id), queryFn: () => getMySupportRequest(id), refetchInterval: 30_000 });

/** Opens a request; the list and the new thread are known at once. */
export function useCreateSupportRequest() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: createSupportRequest,
    onSuccess: (created) => {
      qc.setQueryData(queryKeys.mySupportRequest(created.id), created);
      return qc.invalidateQueries({ queryKey: queryKeys.mySupport, exact: true });
    },
  });
}

/** The user writes again in a request. */
export function useAddSupportMessage(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => addSupportMessage(id, body),
    onSuccess: (thread: SupportThread) => {
      qc.setQueryData(queryKeys.mySupportRequest(id), thread);
      return qc.invalidateQueries({ queryKey: queryKeys.mySupport, exact: true });
    },
  });
}

/** The operators' inbox, optionally one status only; looked at again every minute. */
export const useSupportInbox = (status: SupportStatus | null) =>
  useQuery({ queryKey: queryKeys.adminSupport(status), queryFn: () => adminListSupportRequests(status), refetchInterval: 60_000 });

/** A request as an operator sees it. */
export const useSupportInboxThread = (id: string | null) =>
  useQuery({ queryKey: queryKeys.adminSupportRequest(id ?? ''), queryFn: () => adminGetSupportRequest(id ?? ''), enabled: id !== null });

/** An operator answers; the inbox moves it along. */
export function useReplySupportRequest(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => adminReplySupportRequest(id, body),
    onSuccess: (thread: SupportThread) => {
      qc.setQueryData(queryKeys.adminSupportRequest(id), (old: SupportThread | undefined) => ({ ...thread, requester: old?.requester }));
      return qc.invalidateQueries({ queryKey: ['admin-support'] });
    },
  });
}

/** An operator closes a request. */
export function useCloseSupportRequest(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (reason?: string) => adminCloseSupportRequest(id, reason),
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: queryKeys.adminSupportRequest(id) }),
        qc.invalidateQueries({ queryKey: ['admin-support'] }),
      ]),
  });
}
