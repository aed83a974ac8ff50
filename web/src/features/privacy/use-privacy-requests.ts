import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PrivacyRequest } from '../../api/contracts.js';
import { createPrivacyRequest, listMyPrivacyRequests } from '../../api/privacy.js';
import { queryKeys } from '../../api/query-keys.js';

/** The signed-in user's own privacy requests. */
export function useMyPrivacyRequests() {
  return useQuery({ queryKey: queryKeys.privacyRequests, queryFn: listMyPrivacyRequests });
}

/** Sends a privacy request (signed in or not); a signed-in user's list gains it at once. */
export function useCreatePrivacyRequest() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: createPrivacyRequest,
    onSuccess: (created) =>
      qc.setQueryData<{ requests: PrivacyRequest[] }>(queryKeys.privacyRequests, (d) =>
        d ? { requests: [created, ...d.requests.filter((r) => r.id !== created.id)] } : d,
      ),
  });
}
