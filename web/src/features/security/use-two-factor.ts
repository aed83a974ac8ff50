import { useMutation, useQueryClient } from '@tanstack/react-query';
import { disableTwoFactor, enableTwoFactor, verifyTwoFactor } from '../../api/auth.js';
import type { Me } from '../../api/contracts.js';
import { queryKeys } from '../../api/query-keys.js';

const setEnabled = (qc: ReturnType<typeof useQueryClient>, on: boolean) =>
  qc.setQueryData<Me | null>(queryKeys.me, (me) => (me ? { ...me, twoFactorEnabled: on } : me));

/** Step 1: the password gives the authenticator URI and backup codes (not on yet). */
export const useStartTwoFactor = () => useMutation({ mutationFn: enableTwoFactor });

/** Step 2: the first code from the app proves it is set up; two-factor sign-in is now on. */
export function useConfirmTwoFactor() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => verifyTwoFactor({ code, method: 'totp' }),
    onSuccess: () => {
      setEnabled(qc, true);
      void qc.invalidateQueries({ queryKey: queryKeys.sessions });
    },
  });
}

/** Turns two-factor sign-in off (password required). */
export function useDisableTwoFactor() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: disableTwoFactor, onSuccess: () => setEnabled(qc, false) });
}

/** The base32 secret inside an otpauth:// URI, for people who type it in instead of scanning. */
export function secretOf(totpURI: string): string {
  try {
    return new URL(totpURI).searchParams.get('secret') ?? '';
  } catch {
    return '';
  }
}

/** "JBSWY3DPEHPK3PXP" → "JBSW Y3DP EHPK 3PXP" */
export const groupSecret = (secret: string) => secret.replace(/(.{4})(?=.)/g, '$1 ');
