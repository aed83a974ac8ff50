import { apiFetch } from './client.js';
import type { SessionInfo } from './contracts.js';

/** GET /api/me/sessions – every device signed in to the account, with the current one marked. */
export const listSessions = () => apiFetch<{ sessions: SessionInfo[] }>('/api/me/sessions');

/** DELETE /api/me/sessions/:id – signs that device out at once (204). */
export const revokeSession = (id: string) => apiFetch<undefined>(`/api/me/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' });

/** DELETE /api/me/sessions – signs out every other device; this one stays signed in. */
export const revokeOtherSessions = () => apiFetch<{ revoked: number }>('/api/me/sessions', { method: 'DELETE' });
