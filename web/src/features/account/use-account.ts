import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { changeEmail, signOut } from '../../api/auth.js';
import { deleteAccount } from '../../api/privacy.js';
import { queryKeys } from '../../api/query-keys.js';
import { forgetDrafts } from '../create/draft-store.js';

/** Asks for a new e-mail address; a link goes to it, and the address changes once it is opened. */
export const useChangeEmail = () => useMutation({ mutationFn: changeEmail });

/** Forgets everything cached for the account, and its drafts on this device (its sessions have ended on the server). */
function useForgetAccount() {
  const qc = useQueryClient();
  return () => {
    forgetDrafts();
    qc.removeQueries({ predicate: (q) => q.queryKey[0] !== queryKeys.meta[0] });
    qc.setQueryData(queryKeys.me, null);
  };
}

/** For actions that need a recent sign-in: sign out here and come back to Settings (at `back`) after signing in. */
export function useSignInAgain(back = '/settings#profile') {
  const navigate = useNavigate();
  const forget = useForgetAccount();
  return useMutation({
    mutationFn: signOut,
    onSettled: async () => {
      await navigate(`/sign-in?next=${encodeURIComponent(back)}`, { replace: true });
      forget();
    },
  });
}

/** Erases the account, then leaves for the goodbye page before the cache forgets the user. */
export function useDeleteAccount() {
  const navigate = useNavigate();
  const forget = useForgetAccount();
  return useMutation({
    mutationFn: deleteAccount,
    onSuccess: async () => {
      await navigate('/account-deleted', { replace: true });
      forget();
    },
  });
}
