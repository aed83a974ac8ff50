import { apiFetch } from './client.js';
import type { OperatorAlert } from './contracts.js';

/** GET /api/admin/alerts – operators only: what needs fixing (e.g. the image provider account). */
export const listOperatorAlerts = () => apiFetch<{ alerts: OperatorAlert[] }>('/api/admin/alerts');

/** POST /api/admin/alerts/:id/resolve – fixed; the banner goes (204). */
export const resolveOperatorAlert = (id: string) =>
  apiFetch<undefined>(`/api/admin/alerts/${encodeURIComponent(id)}/resolve`, { method: 'POST', json: {} });
