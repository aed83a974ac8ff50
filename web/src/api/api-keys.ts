import { apiFetch } from './client.js';
import type { ApiKey, CreateApiKeyInput, CreatedApiKey } from './contracts.js';

/** GET /api/me/api-keys – the account's keys, without the keys themselves. */
export const listApiKeys = () => apiFetch<{ items: ApiKey[] }>('/api/me/api-keys');

/** POST /api/me/api-keys – makes a key; the answer is the only time `key` is shown. */
export const createApiKey = (input: CreateApiKeyInput) => apiFetch<CreatedApiKey>('/api/me/api-keys', { method: 'POST', json: input });

/** DELETE /api/me/api-keys/:id – the key stops working at once (204). */
export const revokeApiKey = (id: string) => apiFetch<undefined>(`/api/me/api-keys/${encodeURIComponent(id)}`, { method: 'DELETE' });
