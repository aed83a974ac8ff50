/**
 * The one fetch wrapper for the API. Every call is same-origin with cookies and
 * JSON; every failure becomes an ApiError whatever shape the server used: our
 * envelope `{ error: { code, message, field } }` or Better Auth's `{ code, message }`.
 */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** Our snake_case ErrorCode, Better Auth's UPPER_CASE code, or `network` / `unknown`. */
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly requestId?: string,
    /** For content_policy: which rule refused the prompt. */
    readonly category?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface EnvelopeBody {
  error: { code?: unknown; message?: unknown; field?: unknown; requestId?: unknown; category?: unknown };
}
interface FlatBody {
  code?: unknown;
  message?: unknown;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

/** Reads an error response of either shape into an ApiError. */
export function toApiError(status: number, body: unknown): ApiError {
  if (body && typeof body === 'object') {
    if ('error' in body && body.error && typeof body.error === 'object') {
      const e = (body as EnvelopeBody).error;
      return new ApiError(status, str(e.code) ?? 'unknown', str(e.message) ?? '', str(e.field), str(e.requestId), str(e.category));
    }
    const flat = body as FlatBody;
    if (str(flat.code) || str(flat.message)) {
      return new ApiError(status, str(flat.code) ?? statusCode(status), str(flat.message) ?? '');
    }
  }
  return new ApiError(status, statusCode(status), '');
}

/** A code for bodies that carry none (a proxy's HTML page, Better Auth's rate limiter). */
function statusCode(status: number): string {
  if (status === 401) return 'unauthenticated';
  if (status === 404) return 'not_found';
  if (status === 413) return 'payload_too_large';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'internal';
  return 'unknown';
}

type Json = Record<string, unknown> | unknown[];

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  json?: Json;
  form?: FormData;
  signal?: AbortSignal;
  /** Extra request headers (e.g. `Idempotency-Key`). */
  headers?: Record<string, string>;
}

/** Calls the API and returns the parsed JSON body (undefined for 204). Throws ApiError. */
export async function apiFetch<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { ...options.headers, accept: 'application/json' };
  let body: BodyInit | undefined;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.form) {
    body = options.form;
  }
  let res: Response;
  try {
    res = await fetch(path, { method: options.method ?? 'GET', headers, body, credentials: 'same-origin', signal: options.signal });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', err instanceof Error ? err.message : 'Network error');
  }
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!res.ok) throw toApiError(res.status, parsed);
  return parsed as T;
}
