import { apiFetch } from './client.js';
import type {
  AdminStats,
  AdminUser,
  AdminUserImage,
  AdminUserRow,
  AuditAction,
  AuditEntry,
  CreditAdjustment,
  DenylistTerm,
  ModerationCase,
  PolicyDecision,
} from './contracts.js';

/**
 * The operator console's calls. Every route answers 403 `forbidden` to a role
 * without the permission and 403 `two_factor_required` to an operator whose
 * account signs in without a second factor.
 */

const seg = encodeURIComponent;
const query = (params: Record<string, string | undefined>) => {
  const q = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => Boolean(e[1])));
  const text = q.toString();
  return text ? `?${text}` : '';
};

/** How many entries one audit page holds: a shorter page is the last. */
export const AUDIT_PAGE = 100;

export type ModerationStatus = ModerationCase['status'];

/** GET /api/admin/stats – the dashboard's counts (last 24 hours and 30 days). */
export const getAdminStats = () => apiFetch<AdminStats>('/api/admin/stats');

/** GET /api/admin/users?q= – accounts whose e-mail or name contains `q`, or whose id is `q` (at most 50). */
export const searchUsers = (q: string, signal?: AbortSignal) =>
  apiFetch<{ users: AdminUserRow[] }>(`/api/admin/users${query({ q })}`, { signal });

/** GET /api/admin/users/:id – one account: profile, balance and ledger, purchases, sessions, strikes, requests. */
export const getAdminUser = (id: string) => apiFetch<AdminUser>(`/api/admin/users/${seg(id)}`);

/**
 * POST /api/admin/users/:id/credits – a ledger entry with a reason. The same
 * `idempotencyKey` sent again (a retry, a double click) moves nothing twice.
 */
export const adjustCredits = (id: string, input: { delta: number; reason: string }, idempotencyKey: string) =>
  apiFetch<CreditAdjustment>(`/api/admin/users/${seg(id)}/credits`, {
    method: 'POST',
    json: { ...input },
    headers: { 'idempotency-key': idempotencyKey },
  });

/** POST /api/admin/generations/:id/refund – gives back what a finished generation cost (409 conflict when it was refunded already). */
export const refundGeneration = (generationId: string, reason: string) =>
  apiFetch<{ refunded: number; balance: number }>(`/api/admin/generations/${seg(generationId)}/refund`, {
    method: 'POST',
    json: { reason },
  });

/** The account actions that take only a reason and answer 204. */
export type AccountAction = 'suspend' | 'unsuspend' | 'revokeSessions' | 'resendVerification';
const actionPaths: Record<AccountAction, string> = {
  suspend: 'suspend',
  unsuspend: 'unsuspend',
  revokeSessions: 'sessions/revoke',
  resendVerification: 'verification',
};

/** POST /api/admin/users/:id/{suspend,unsuspend,sessions/revoke,verification} with `{ reason }` (204). */
export const runAccountAction = (id: string, action: AccountAction, reason: string) =>
  apiFetch<undefined>(`/api/admin/users/${seg(id)}/${actionPaths[action]}`, { method: 'POST', json: { reason } });

/** POST /api/admin/users/:id/images – the account's newest images (small thumbnails inline); the look and its reason are audited. */
export const viewUserImages = (id: string, reason: string) =>
  apiFetch<{ images: AdminUserImage[] }>(`/api/admin/users/${seg(id)}/images`, { method: 'POST', json: { reason } });

/** DELETE /api/admin/users/:id – erases the account as self-deletion does; its sessions end at once (204). */
export const adminDeleteUser = (id: string, reason: string) =>
  apiFetch<undefined>(`/api/admin/users/${seg(id)}`, { method: 'DELETE', json: { reason } });

/** GET /api/admin/audit?user=&action=&before= – operator actions, newest first, AUDIT_PAGE a page (admins only); `user` is an id or an e-mail. */
export const listAudit = (filter: { user?: string; action?: AuditAction; before?: string }) =>
  apiFetch<{ entries: AuditEntry[] }>(`/api/admin/audit${query(filter)}`);

/** GET /api/admin/moderation?status= – the moderation queue, newest first. */
export const listModerationCases = (status: ModerationStatus | null) =>
  apiFetch<{ cases: ModerationCase[] }>(`/api/admin/moderation${query({ status: status ?? undefined })}`);

/** POST /api/admin/moderation/:id/{release,remove} with `{ reason }`: release what was held, or remove it for good. */
export const decideModerationCase = (id: string, decision: 'release' | 'remove', reason: string) =>
  apiFetch<unknown>(`/api/admin/moderation/${seg(id)}/${decision}`, { method: 'POST', json: { reason } });

/** GET /api/admin/moderation/denylist – the operators' own refused terms. */
export const listDenylist = () => apiFetch<{ terms: DenylistTerm[] }>('/api/admin/moderation/denylist');

/** POST /api/admin/moderation/denylist – refuse a term from now on (201). */
export const addDenylistTerm = (input: { term: string; reason?: string }) =>
  apiFetch<DenylistTerm>('/api/admin/moderation/denylist', { method: 'POST', json: { ...input } });

/** DELETE /api/admin/moderation/denylist/:id (204). */
export const removeDenylistTerm = (id: string) => apiFetch<undefined>(`/api/admin/moderation/denylist/${seg(id)}`, { method: 'DELETE' });

/** POST /api/admin/moderation/check – what the policy decides for a prompt; recorded against nobody. */
export const checkPrompt = (input: { prompt: string; negativePrompt?: string; mature: boolean }) =>
  apiFetch<PolicyDecision>('/api/admin/moderation/check', { method: 'POST', json: { ...input } });
