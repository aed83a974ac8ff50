import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PolicyStatus } from '../../api/contracts.js';
import { policyQuery } from '../../api/first-queries.js';
import { acknowledgePolicy } from '../../api/privacy.js';
import { queryKeys } from '../../api/query-keys.js';

/** Whether the signed-in user must acknowledge a material privacy policy change. */
export function usePolicyStatus(enabled: boolean) {
  return useQuery({ ...policyQuery, enabled });
}

/** Records "I've read it" for a version; the banner goes at once. */
export function useAcknowledgePolicy() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: acknowledgePolicy,
    onSuccess: (_, version) =>
      qc.setQueryData<PolicyStatus>(queryKeys.policy, (s) => (s ? { ...s, acknowledgedVersion: version, mustAcknowledge: false } : s)),
  });
}
