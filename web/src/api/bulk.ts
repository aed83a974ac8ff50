import { ApiError, apiFetch, toApiError } from './client.js';
import type { BulkActionInput, BulkResult } from './contracts.js';

/** POST /api/generations/bulk – one action on up to 500 generations, all or nothing; answers how many changed. */
export const runBulkAction = (input: BulkActionInput) => apiFetch<BulkResult>('/api/generations/bulk', { method: 'POST', json: input });

/**
 * POST /api/generations/download – the images of up to 500 generations as one
 * ZIP, saved as the server names it. Throws ApiError (404 when one is not
 * the user's) before anything is saved.
 */
export async function downloadZip(ids: string[]): Promise<void> {
  let res: Response;
  try {
    res = await fetch('/api/generations/download', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/zip, application/json' },
      body: JSON.stringify({ ids }),
      credentials: 'same-origin',
    });
  } catch (err) {
    throw new ApiError(0, 'network', err instanceof Error ? err.message : 'Network error');
  }
  if (!res.ok) throw toApiError(res.status, await res.json().catch(() => undefined));
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'animegen.zip';
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // The click has handed the file to the browser's download; the URL can go a moment later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
