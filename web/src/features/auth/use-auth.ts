import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { requestPasswordReset, resendVerification, resetPassword, signIn, signUp, verifyTwoFactor } from '../../api/auth.js';
import { signInWithPasskey } from '../../api/passkeys.js';
import { queryKeys } from '../../api/query-keys.js';

/** Only same-site paths are followed after sign-in (no open redirects). */
export function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/create';
}

/** Once a session exists: load the account (whose saved theme and language then apply) and go on. */
function useEnterApp(next: string | null) {
  const qc = useQueryClient();
  const navigate = useNavigate();
  return async () => {
    // Nothing cached for a previous account may show for this one.
    qc.removeQueries({ predicate: (q) => q.queryKey[0] !== queryKeys.meta[0] && q.queryKey[0] !== queryKeys.me[0] });
    await qc.refetchQueries({ queryKey: queryKeys.me });
    await navigate(safeNext(next), { replace: true });
  };
}

/** Signs in; with two-factor on, the answer asks for a code instead (see useVerifyTwoFactor). */
export function useSignIn(next: string | null) {
  const enter = useEnterApp(next);
  return useMutation({
    mutationFn: signIn,
    onSuccess: async (result) => {
      if (!result?.twoFactorRedirect) await enter();
    },
  });
}

/** Signs in with a passkey; with two-factor on, the code step follows as after a password. */
export function usePasskeySignIn(next: string | null) {
  const enter = useEnterApp(next);
  return useMutation({
    mutationFn: signInWithPasskey,
    onSuccess: async (result) => {
      if (!result?.twoFactorRedirect) await enter();
    },
  });
}

/** The second sign-in step: a code from the authenticator app or a one-time backup code. */
export function useVerifyTwoFactor(next: string | null) {
  const enter = useEnterApp(next);
  return useMutation({ mutationFn: verifyTwoFactor, onSuccess: enter });
}

export const useSignUp = () => useMutation({ mutationFn: signUp });
export const useRequestPasswordReset = () => useMutation({ mutationFn: requestPasswordReset });
export const useResetPassword = () => useMutation({ mutationFn: resetPassword });

/** Re-sends the verification link, then waits a little before allowing another. */
export function useResendVerification(cooldownSeconds = 30) {
  const [coolingDown, setCoolingDown] = useState(false);
  const mutation = useMutation({
    mutationFn: resendVerification,
    onSuccess: () => {
      setCoolingDown(true);
      setTimeout(() => setCoolingDown(false), cooldownSeconds * 1000);
    },
  });
  return { ...mutation, coolingDown };
}
