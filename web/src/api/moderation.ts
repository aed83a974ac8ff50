import { apiFetch } from './client.js';
import type { ReportImageInput } from './contracts.js';

/** The largest report reason the server takes (reportImageSchema); the form stops there. */
export const reportReasonMaxLength = 1000;

/** POST /api/images/:id/report – the owner reports one of their images; it joins the operators' queue (204). */
export const reportImage = ({ imageId, ...input }: ReportImageInput & { imageId: string }) =>
  apiFetch<undefined>(`/api/images/${encodeURIComponent(imageId)}/report`, { method: 'POST', json: { ...input } });
