import { apiFetch } from './client.js';
import type { Me, Meta, SignupConsentInput, UpdateContentInput, UpdateMeInput } from './contracts.js';
import { isUnauthenticated } from './errors.js';

/** GET /api/meta – public facts the UI needs before sign-in. */
export const getMeta = () => apiFetch<Meta>('/api/meta');

/** GET /api/me – the signed-in account, or null when signed out. */
export async function getMeOrNull(): Promise<Me | null> {
  try {
    return await apiFetch<Me>('/api/me');
  } catch (err) {
    if (isUnauthenticated(err)) return null;
    throw err;
  }
}

/** PATCH /api/me – display name, theme and language. */
export const updateMe = (input: UpdateMeInput) => apiFetch<Me>('/api/me', { method: 'PATCH', json: { ...input } });

/** PATCH /api/me/content – mature content on (with the 18+ confirmation) or off. */
export const updateContent = (input: UpdateContentInput) => apiFetch<Me>('/api/me/content', { method: 'PATCH', json: { ...input } });

/** POST /api/me/consent – the welcome step of an account made with a provider: minimum age and terms (both `true`). */
export const consentToSignup = (input: SignupConsentInput) => apiFetch<Me>('/api/me/consent', { method: 'POST', json: { ...input } });
