import { type CodeOverrides, errorForKieCode, kieError } from './errors.js';

/** KIE's response shape on every API: `{ code, msg | message, data }`. */
export interface KieEnvelope {
  code: number;
  msg: string;
  data: unknown;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A body that is not a KIE envelope: usually a Cloudflare or load-balancer HTML page. */
function errorForForeignBody(status: number, text: string) {
  const detail = `HTTP ${status}, not a KIE envelope: ${text.slice(0, 120).replace(/\s+/g, ' ')}`;
  if (status === 403) return kieError('blocked_html', detail);
  if (status === 429) return kieError('rate_limited', detail);
  if (status === 401) return kieError('auth', detail);
  return kieError('provider_unavailable', detail);
}

/**
 * Reads a KIE response. Success is `code === 200` in the body whatever the
 * HTTP status, because KIE reports auth and validation failures as HTTP 200.
 * Throws ProviderError otherwise.
 */
export function parseEnvelope(status: number, text: string, overrides?: CodeOverrides): KieEnvelope {
  const body = parseJson(text);
  if (!isRecord(body)) throw errorForForeignBody(status, text);
  const rawCode = typeof body.code === 'string' ? Number(body.code) : body.code;
  const rawMsg = body.msg ?? body.message;
  const msg = typeof rawMsg === 'string' ? rawMsg : '';
  if (typeof rawCode !== 'number' || !Number.isFinite(rawCode)) {
    // JSON without a code: trust the HTTP status if it says failure.
    if (status !== 200) throw errorForKieCode(status, msg || `HTTP ${status}`);
    throw kieError('provider_unavailable', 'HTTP 200 body without a numeric code');
  }
  if (rawCode !== 200) throw errorForKieCode(rawCode, msg, overrides);
  return { code: rawCode, msg, data: body.data };
}

export function dataRecord(envelope: KieEnvelope, what: string): Record<string, unknown> {
  if (!isRecord(envelope.data)) throw kieError('provider_unavailable', `${what}: envelope without a data object`);
  return envelope.data;
}
