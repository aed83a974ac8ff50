import { ProviderError } from '../types.js';
import { type KieEnvelope, parseEnvelope } from './envelope.js';
import { type CodeOverrides, kieError } from './errors.js';

export const USER_AGENT = 'AnimeGen/0.1 (+https://github.com/animegen)';

export interface KieHttpOptions {
  apiKey: string;
  timeoutMs: number;
  fetch: typeof fetch;
}

/** Turns a fetch rejection (network, DNS, timeout) into a transient error. */
export function errorForFetchFailure(error: unknown, what: string): ProviderError {
  if (error instanceof ProviderError) return error;
  const name = error instanceof Error ? error.name : 'Error';
  if (name === 'TimeoutError' || name === 'AbortError') return kieError('provider_unavailable', `${what}: timed out`);
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
  const message = error instanceof Error ? error.message : String(error);
  return kieError('provider_unavailable', `${what}: ${message}${cause}`);
}

/**
 * One authenticated call to a KIE API, returning the parsed envelope.
 * `body` is sent as JSON unless it is FormData (multipart uploads).
 */
export async function callKie(
  options: KieHttpOptions,
  method: 'GET' | 'POST',
  url: string,
  body?: unknown,
  overrides?: CodeOverrides,
): Promise<KieEnvelope> {
  const headers: Record<string, string> = {
    Authorization: `Bearer ${options.apiKey}`,
    'User-Agent': USER_AGENT,
    Accept: 'application/json',
  };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const what = `${method} ${new URL(url).pathname}`;
  try {
    const res = await options.fetch(url, { method, headers, body: payload, signal: AbortSignal.timeout(options.timeoutMs) });
    return parseEnvelope(res.status, await res.text(), overrides);
  } catch (error) {
    throw errorForFetchFailure(error, what);
  }
}
