import { apiFetch } from './client.js';
import type { CreateSupportRequestInput, SupportRequest, SupportStatus, SupportThread } from './contracts.js';

const seg = encodeURIComponent;

/** POST /api/support – opens a request (201); 404 for a generation or purchase that is not the user's, 409 limit_reached, 429 rate_limited. */
export const createSupportRequest = (input: CreateSupportRequestInput) =>
  apiFetch<SupportThread>('/api/support', { method: 'POST', json: { ...input } });

/** GET /api/me/support – the user's requests, the most recently active first. */
export const listMySupportRequests = () => apiFetch<{ requests: SupportRequest[] }>('/api/me/support');

/** GET /api/me/support/:id – one of the user's requests with its thread. */
export const getMySupportRequest = (id: string) => apiFetch<SupportThread>(`/api/me/support/${seg(id)}`);

/** POST /api/me/support/:id/messages – the user writes again; the request opens again (201). */
export const addSupportMessage = (id: string, body: string) =>
  apiFetch<SupportThread>(`/api/me/support/${seg(id)}/messages`, { method: 'POST', json: { body } });

/** GET /api/admin/support?status= – the inbox, longest waiting first (operators with the support permission). */
export function adminListSupportRequests(status: SupportStatus | null) {
  const q = status ? `?${new URLSearchParams({ status })}` : '';
  return apiFetch<{ requests: SupportRequest[] }>(`/api/admin/support${q}`);
}

/** GET /api/admin/support/:id – a request, its thread and who asked. */
export const adminGetSupportRequest = (id: string) => apiFetch<SupportThread>(`/api/admin/support/${seg(id)}`);

/** POST /api/admin/support/:id/reply – answers; the user is e-mailed that there is an answer (201). */
export const adminReplySupportRequest = (id: string, body: string) =>
  apiFetch<SupportThread>(`/api/admin/support/${seg(id)}/reply`, { method: 'POST', json: { body } });

/** POST /api/admin/support/:id/close – closes it, with an optional reason for the audit log. */
export const adminCloseSupportRequest = (id: string, reason?: string) =>
  apiFetch<SupportRequest>(`/api/admin/support/${seg(id)}/close`, { method: 'POST', json: reason ? { reason } : {} });
