import { ApiError, apiFetch } from './client.js';

/**
 * Better Auth's passkey endpoints under /api/auth/passkey (the plugin), with
 * the browser's WebAuthn ceremony in between (@simplewebauthn/browser, loaded
 * only when a passkey is used). The browser's refusals (cancelled, timed out,
 * already added) become ApiError too, so screens handle one kind of error.
 */

/** One passkey as list-user-passkeys answers (the fields Settings shows). */
export interface Passkey {
  id: string;
  name: string | null;
  createdAt: string | null;
  /** Set on each sign-in with it (ours, beside the plugin's fields). */
  lastUsedAt: string | null;
  /** 'singleDevice' | 'multiDevice' (synced). */
  deviceType: string;
  backedUp: boolean;
}

/** What passkey sign-in answers: with two-factor on, no session yet but the code step. */
export interface PasskeySignInResult {
  twoFactorRedirect?: boolean;
}

/**
 * Whether passkeys can work here: the browser has WebAuthn (only in a secure
 * context), and the site is reached by a name, since a passkey belongs to a
 * domain and never to an IP address (a server on http://127.0.0.1 offers none).
 */
export function browserSupportsPasskeys(): boolean {
  if (typeof window === 'undefined' || !window.isSecureContext || typeof window.PublicKeyCredential !== 'function') return false;
  const host = window.location.hostname;
  return !/^[\d.]+$/.test(host) && !host.includes(':') && !host.startsWith('[');
}

/** The browser's own errors, as ApiError codes that api/errors.ts maps. */
function ceremonyError(err: unknown): ApiError {
  const code = (err as { code?: unknown }).code;
  if (code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED') return new ApiError(0, 'PASSKEY_ALREADY_ADDED', String(err));
  return new ApiError(0, 'PASSKEY_CANCELLED', err instanceof Error ? err.message : String(err));
}

/** GET /api/auth/passkey/list-user-passkeys – the account's passkeys. */
export const listPasskeys = () => apiFetch<Passkey[]>('/api/auth/passkey/list-user-passkeys');

/**
 * Adds a passkey on this device: options (needs a fresh sign-in: SESSION_NOT_FRESH otherwise), the
 * browser's prompt, then POST /api/auth/passkey/verify-registration.
 */
export async function addPasskey(name: string): Promise<Passkey> {
  const optionsJSON = await apiFetch<Parameters<typeof import('@simplewebauthn/browser').startRegistration>[0]['optionsJSON']>(
    '/api/auth/passkey/generate-register-options',
  );
  const { startRegistration } = await import('@simplewebauthn/browser');
  let response: Awaited<ReturnType<typeof startRegistration>>;
  try {
    response = await startRegistration({ optionsJSON });
  } catch (err) {
    throw ceremonyError(err);
  }
  return apiFetch<Passkey>('/api/auth/passkey/verify-registration', { method: 'POST', json: { response, name } });
}

/** Signs in with any passkey of this site the device holds: options, the browser's prompt, verification. */
export async function signInWithPasskey(): Promise<PasskeySignInResult> {
  const optionsJSON = await apiFetch<Parameters<typeof import('@simplewebauthn/browser').startAuthentication>[0]['optionsJSON']>(
    '/api/auth/passkey/generate-authenticate-options',
  );
  const { startAuthentication } = await import('@simplewebauthn/browser');
  let response: Awaited<ReturnType<typeof startAuthentication>>;
  try {
    response = await startAuthentication({ optionsJSON });
  } catch (err) {
    throw ceremonyError(err);
  }
  return apiFetch<PasskeySignInResult>('/api/auth/passkey/verify-authentication', { method: 'POST', json: { response } });
}

/** POST /api/auth/passkey/update-passkey – renames one. */
export const renamePasskey = (input: { id: string; name: string }) =>
  apiFetch<unknown>('/api/auth/passkey/update-passkey', { method: 'POST', json: input });

/** POST /api/auth/passkey/delete-passkey – removes one (needs a fresh sign-in). */
export const removePasskey = (id: string) => apiFetch<unknown>('/api/auth/passkey/delete-passkey', { method: 'POST', json: { id } });
