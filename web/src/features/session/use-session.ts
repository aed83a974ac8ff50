import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { signOut } from '../../api/auth.js';
import type { Meta } from '../../api/contracts.js';
import { meQuery, metaQuery } from '../../api/first-queries.js';
import { queryKeys } from '../../api/query-keys.js';
import { useHydrating } from '../../lib/use-hydrating.js';
import { forgetDrafts } from '../create/draft-store.js';

/** The signed-in account (`null` when signed out, `undefined` while loading). */
export function useMe() {
  return useQuery(meQuery);
}

/**
 * Public facts: demo mode, minimum age, sign-up credits, dev mailbox. Absent
 * while the component hydrates, as they were when the build wrote the page,
 * even when `/api/meta` answered first; they show right after.
 */
export function useMeta(): { data: Meta | undefined; isPending: boolean } {
  const { data, isPending } = useQuery(metaQuery);
  return useHydrating() ? { data: undefined, isPending: true } : { data, isPending };
}

/** Signs out, forgets every cached answer and this device's drafts, and goes to the sign-in page. */
export function useSignOut() {
  const qc = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: signOut,
    onSettled: async () => {
      forgetDrafts();
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'meta' });
      qc.setQueryData(queryKeys.me, null);
      await navigate('/sign-in', { replace: true });
    },
  });
}
