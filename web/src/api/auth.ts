import { apiFetch } from './client.js';
import type { SignInProviderId } from './contracts.js';
import type { Challenge } from './signup-proof.js';

/**
 * Better Auth's e-mail and password endpoints under /api/auth. Errors come back
 * as `{ code, message }` and are turned into ApiError by apiFetch.
 */

export interface SignUpInput {
  name: string;
  email: string;
  password: string;
  ageConfirmed: boolean;
  /** The UI language at sign-up; the verification e-mail is written in it. */
  locale: 'en' | 'ja';
}

/**
 * POST /api/auth/sign-up/email – creates the account and e-mails a verification link; no session yet.
 * When the server asks for a proof of work (GET /api/signup-challenge), it is solved first (about a second).
 */
export async function signUp(input: SignUpInput) {
  const check = await apiFetch<{ enabled: boolean; challenge?: Challenge }>('/api/signup-challenge');
  const altcha = check.challenge ? await (await import('./signup-proof.js')).solveChallenge(check.challenge) : undefined;
  return apiFetch<unknown>('/api/auth/sign-up/email', { method: 'POST', json: { ...input, altcha, callbackURL: '/verified' } });
}

/**
 * POST /api/auth/sign-in/social – starts signing in with a provider the server offers (Meta.signInProviders):
 * returns the provider's page to send the browser to. The provider sends it back to our callback, which
 * signs in and goes on to `next` (a new account: to the welcome step first), or back to `errorPage` with
 * `?error=<code>` (e.g. `account_not_linked`, `email_not_verified`, `ACCOUNT_SUSPENDED`).
 */
export async function startProviderSignIn(input: { provider: SignInProviderId; next: string; errorPage: '/sign-in' | '/sign-up' }) {
  const answer = await apiFetch<{ url: string }>('/api/auth/sign-in/social', {
    method: 'POST',
    json: {
      provider: input.provider,
      callbackURL: input.next,
      newUserCallbackURL: `/welcome?next=${encodeURIComponent(input.next)}`,
      errorCallbackURL: input.errorPage,
      disableRedirect: true,
    },
  });
  return answer.url;
}

/** What sign-in answers: with two-factor on, no session yet but a second step. */
export interface SignInResult {
  twoFactorRedirect?: boolean;
}

/**
 * POST /api/auth/sign-in/email – sets the session cookie; 403 EMAIL_NOT_VERIFIED before verification;
 * `{ twoFactorRedirect: true }` when the account has two-factor sign-in (finish with verifyTwoFactor).
 */
export const signIn = (input: { email: string; password: string }) =>
  // callbackURL: before verification, sign-in e-mails the link again; it lands where the first one did.
  apiFetch<SignInResult>('/api/auth/sign-in/email', { method: 'POST', json: { ...input, rememberMe: true, callbackURL: '/verified' } });

/**
 * The second sign-in step, or confirming enrolment: POST /api/auth/two-factor/verify-totp with the
 * 6-digit code from the app, or /two-factor/verify-backup-code with a one-time backup code.
 */
export const verifyTwoFactor = (input: { code: string; method: 'totp' | 'backup' }) =>
  apiFetch<unknown>(input.method === 'totp' ? '/api/auth/two-factor/verify-totp' : '/api/auth/two-factor/verify-backup-code', {
    method: 'POST',
    json: { code: input.code },
  });

/** POST /api/auth/sign-out – ends the session. */
export const signOut = () => apiFetch<unknown>('/api/auth/sign-out', { method: 'POST', json: {} });

/** POST /api/auth/send-verification-email – sends the verification link again. */
export const resendVerification = (email: string) =>
  apiFetch<unknown>('/api/auth/send-verification-email', { method: 'POST', json: { email, callbackURL: '/verified' } });

/** POST /api/auth/request-password-reset – always succeeds, so accounts cannot be enumerated. */
export const requestPasswordReset = (email: string) =>
  apiFetch<unknown>('/api/auth/request-password-reset', { method: 'POST', json: { email, redirectTo: '/reset-password' } });

/** POST /api/auth/reset-password – sets a new password with the token from the e-mailed link. */
export const resetPassword = (input: { token: string; newPassword: string }) =>
  apiFetch<unknown>('/api/auth/reset-password', { method: 'POST', json: input });

/** POST /api/auth/change-password – needs the current password; optionally signs out every other device. */
export const changePassword = (input: { currentPassword: string; newPassword: string; revokeOtherSessions: boolean }) =>
  apiFetch<unknown>('/api/auth/change-password', { method: 'POST', json: { ...input } });

/** POST /api/auth/change-email – e-mails a link to the new address; the address changes when it is opened. Needs a fresh sign-in. */
export const changeEmail = (newEmail: string) =>
  apiFetch<unknown>('/api/auth/change-email', { method: 'POST', json: { newEmail, callbackURL: '/settings?email=changed' } });

/** POST /api/auth/two-factor/enable – checks the password and returns the authenticator URI and backup codes (not on until confirmed). */
export const enableTwoFactor = (password: string) =>
  apiFetch<{ totpURI: string; backupCodes: string[] }>('/api/auth/two-factor/enable', { method: 'POST', json: { password } });

/** POST /api/auth/two-factor/disable – turns two-factor sign-in off after checking the password. */
export const disableTwoFactor = (password: string) =>
  apiFetch<unknown>('/api/auth/two-factor/disable', { method: 'POST', json: { password } });
