import { USER_AGENT } from '../kie/index.js';
import { readBodyCapped } from '../read-capped.js';
import { a1111Error, errorForFetchFailure, errorForStatus } from './errors.js';

export interface A1111Http {
  /** Without a trailing slash and without credentials, e.g. http://127.0.0.1:7860 */
  baseUrl: string;
  /** `Basic …` when the webui runs with `--api-auth`. */
  authorization?: string;
  /** Response cap: a 2048² PNG in base64 is ~10 MB, so the default leaves room. */
  maxResponseBytes: number;
  fetch: typeof fetch;
}

/**
 * Splits `http://user:pass@host` into a clean URL and credentials: fetch
 * refuses URLs with credentials, and operators often write them that way.
 */
export function splitCredentials(rawUrl: string): { baseUrl: string; username?: string; password?: string } {
  const url = new URL(rawUrl);
  const username = decodeURIComponent(url.username) || undefined;
  const password = decodeURIComponent(url.password) || undefined;
  url.username = '';
  url.password = '';
  return { baseUrl: url.toString().replace(/\/+$/, ''), username, password };
}

export function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

/** Reads the body as text, aborting once it passes `maxBytes` instead of buffering it all. */
async function readCapped(res: Response, maxBytes: number, what: string): Promise<string> {
  const body = await readBodyCapped(res, maxBytes, () => a1111Error('result_too_large', `${what}: response larger than ${maxBytes} bytes`));
  return body.toString('utf8');
}

/**
 * One call to the webui's `/sdapi/v1` API, returning the parsed JSON body.
 * Every failure is a classified ProviderError (see errors.ts). `timeoutMs`
 * covers the whole call, body included: txt2img blocks until the GPU is done.
 */
export async function callA1111(http: A1111Http, method: 'GET' | 'POST', path: string, body: unknown, timeoutMs: number): Promise<unknown> {
  const what = `${method} ${path.split('?')[0]}`;
  const headers: Record<string, string> = { 'User-Agent': USER_AGENT, Accept: 'application/json' };
  if (http.authorization) headers.Authorization = http.authorization;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let status: number;
  let text: string;
  try {
    const res = await http.fetch(`${http.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    status = res.status;
    text = await readCapped(res, http.maxResponseBytes, what);
  } catch (error) {
    throw errorForFetchFailure(error, what);
  }
  if (status < 200 || status > 299) throw errorForStatus(status, text, what);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // A reverse proxy's HTML page, or something that is not the webui at all.
    throw a1111Error('provider_unavailable', `${what}: HTTP ${status} with a body that is not JSON`);
  }
}
