import { apiFetch } from './client.js';
import type { CreditsResponse } from './contracts.js';

/** GET /api/credits – the balance and one page of ledger entries, newest first. */
export function getCredits(cursor: string | null): Promise<CreditsResponse> {
  const q = cursor ? `?${new URLSearchParams({ cursor })}` : '';
  return apiFetch<CreditsResponse>(`/api/credits${q}`);
}
