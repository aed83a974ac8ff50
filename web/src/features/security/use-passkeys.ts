import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { addPasskey, listPasskeys, type Passkey, removePasskey, renamePasskey } from '../../api/passkeys.js';
import { queryKeys } from '../../api/query-keys.js';

/** The account's passkeys, the newest first. */
export function usePasskeys() {
  return useQuery({
    queryKey: queryKeys.passkeys,
    queryFn: listPasskeys,
    select: (d) => [...d].sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? '')),
  });
}

/** Adds a passkey on this device (the browser asks for the fingerprint, face or screen lock). */
export function useAddPasskey() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: addPasskey, onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.passkeys }) });
}

/** Renames one passkey. */
export function useRenamePasskey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: renamePasskey,
    onSuccess: (_, { id, name }) =>
      qc.setQueryData<Passkey[]>(queryKeys.passkeys, (d) => d?.map((p) => (p.id === id ? { ...p, name } : p))),
  });
}

/** Removes one passkey: it signs nobody in from then on. */
export function useRemovePasskey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: removePasskey,
    onSuccess: (_, id) => qc.setQueryData<Passkey[]>(queryKeys.passkeys, (d) => d?.filter((p) => p.id !== id)),
  });
}
