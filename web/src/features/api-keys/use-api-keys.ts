import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createApiKey, listApiKeys, revokeApiKey } from '../../api/api-keys.js';
import type { ApiKey } from '../../api/contracts.js';
import { queryKeys } from '../../api/query-keys.js';

/** The account's API keys, newest first. */
export function useApiKeys() {
  return useQuery({
    queryKey: queryKeys.apiKeys,
    queryFn: listApiKeys,
    select: (d) => [...d.items].sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
  });
}

/** Makes a key and refetches the list (the answer holds the key itself, which never goes into the cache). */
export function useCreateApiKey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: createApiKey,
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.apiKeys }),
  });
}

/** Revokes one key. */
export function useRevokeApiKey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: revokeApiKey,
    onSuccess: (_, id) =>
      qc.setQueryData<{ items: ApiKey[] }>(queryKeys.apiKeys, (d) => (d ? { items: d.items.filter((k) => k.id !== id) } : d)),
  });
}
