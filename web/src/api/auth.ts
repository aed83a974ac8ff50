import { apiFetch } from './client.js';

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

/** POST /api/auth/sign-up/email – creates the account and e-mails a verification link; no session yet. */
export const signUp = (input: SignUpInput) =>
  apiFetch<unknown>('/api/auth/sign-up/email', { method: 'POST', json: { ...input, callbackURL: '/verified' } });

/** POST /api/auth/sign-in/email – sets the session cookie; 403 EMAIL_NOT_VERIFIED before verification. */
export const signIn = (input: { email: string; password: string }) =>
  apiFetch<unknown>('/api/auth/sign-in/email', { method: 'POST', json: { ...input, rememberMe: true } });

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
