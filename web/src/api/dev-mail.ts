import { apiFetch } from './client.js';
import type { DevMail } from './contracts.js';

/** GET /api/dev/mail – the development mailbox, newest first (not in production). */
export const getDevMail = () => apiFetch<{ messages: DevMail[] }>('/api/dev/mail');
