import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PrivacyRequestStatus } from '../../api/contracts.js';
import { adminListPrivacyRequests, adminUpdatePrivacyRequest } from '../../api/privacy.js';
import { queryKeys } from '../../api/query-keys.js';

/** The operator's privacy request queue, oldest due first, optionally one status only. */
export function useAdminPrivacyRequests(status: PrivacyRequestStatus | null) {
  return useQuery({ queryKey: queryKeys.adminPrivacyRequests(status), queryFn: () => adminListPrivacyRequests(status) });
}

/** Moves a request to a new status (with an optional answer); the requester is e-mailed. */
export function useUpdatePrivacyRequest() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string; status: PrivacyRequestStatus; resolution?: string }) =>
      adminUpdatePrivacyRequest(input.id, { status: input.status, resolution: input.resolution }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['admin-privacy-requests'] }),
  });
}
