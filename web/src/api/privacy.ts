import { apiFetch } from './client.js';
import type {
  CreatePrivacyRequestInput,
  DataExport,
  LegalDocument,
  LegalSlug,
  PolicyStatus,
  PrivacyRequest,
  PrivacyRequestStatus,
} from './contracts.js';

const seg = encodeURIComponent;

/** POST /api/me/exports – starts an export job (202, queued); 429 rate_limited within an hour of the last one. */
export const requestExport = () => apiFetch<DataExport>('/api/me/exports', { method: 'POST', json: {} });

/** GET /api/me/exports – the user's exports, newest first. */
export const listExports = () => apiFetch<{ exports: DataExport[] }>('/api/me/exports');

/** GET /api/me/exports/:id – status, progress (0–100) and the download URL once ready. */
export const getExport = (id: string) => apiFetch<DataExport>(`/api/me/exports/${seg(id)}`);

/** DELETE /api/me – erases the account (204); 401 reauthentication_required without a password or a fresh session. */
export const deleteAccount = (password: string) => apiFetch<undefined>('/api/me', { method: 'DELETE', json: password ? { password } : {} });

/** POST /api/privacy-requests – signed in or not (then `email` is required); 201. */
export const createPrivacyRequest = (input: CreatePrivacyRequestInput) =>
  apiFetch<PrivacyRequest>('/api/privacy-requests', { method: 'POST', json: { ...input } });

/** GET /api/me/privacy-requests – the user's own requests. */
export const listMyPrivacyRequests = () => apiFetch<{ requests: PrivacyRequest[] }>('/api/me/privacy-requests');

/** GET /api/legal/:slug – the page in Markdown, its version and date (privacy adds processors, regions, contact). */
export const getLegalDocument = (slug: LegalSlug) => apiFetch<LegalDocument>(`/api/legal/${seg(slug)}`);

/** GET /api/me/policy – must the user acknowledge a material policy change? */
export const getPolicyStatus = () => apiFetch<PolicyStatus>('/api/me/policy');

/** POST /api/me/policy/acknowledge – records that the user read this version (204). */
export const acknowledgePolicy = (version: string) =>
  apiFetch<undefined>('/api/me/policy/acknowledge', { method: 'POST', json: { version } });

/** GET /api/admin/privacy-requests?status= – operators only; oldest due first. */
export function adminListPrivacyRequests(status: PrivacyRequestStatus | null) {
  const q = status ? `?${new URLSearchParams({ status })}` : '';
  return apiFetch<{ requests: PrivacyRequest[] }>(`/api/admin/privacy-requests${q}`);
}

/** PATCH /api/admin/privacy-requests/:id – new status and optional resolution; the requester is e-mailed. */
export const adminUpdatePrivacyRequest = (id: string, input: { status: PrivacyRequestStatus; resolution?: string }) =>
  apiFetch<PrivacyRequest>(`/api/admin/privacy-requests/${seg(id)}`, { method: 'PATCH', json: { ...input } });
