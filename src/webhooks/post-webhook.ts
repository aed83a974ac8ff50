import { pinnedRequest } from '../lib/pinned-request.js';
import { checkDestination } from './check-destination.js';
import type { WebhooksContext } from './context.js';
import { signPayload } from './sign-payload.js';

export const USER_AGENT = 'AnimeGen-Webhooks/1';

/** What one attempt got: the receiver's status code, or why there was none. */
export interface AttemptResult {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/**
 * POSTs one signed message (Standard Webhooks headers) to the endpoint, under
 * the outbound rules: the URL checked again now, the connection pinned to the
 * addresses just checked, one timeout for all of it, redirects not followed
 * (a 3xx is a failure), and the answer's body never read (cancelled at once:
 * only the status counts). Never throws for the receiver's behaviour.
 */
export async function postWebhook(
  deps: Pick<WebhooksContext, 'settings' | 'resolve'>,
  message: { url: string; secret: string; id: string; timestamp: Date; body: string },
): Promise<AttemptResult> {
  const started = performance.now();
  const took = () => Math.round(performance.now() - started);
  const destination = await checkDestination(message.url, deps.settings, deps.resolve);
  if (!destination.ok) return { statusCode: null, error: `refused: ${destination.reason}`, durationMs: took() };
  const timestamp = Math.floor(message.timestamp.getTime() / 1000);
  const headers = {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(message.body)),
    'user-agent': USER_AGENT,
    'webhook-id': message.id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signPayload(message.secret, { id: message.id, timestamp, body: message.body }),
  };
  try {
    const res = await pinnedRequest(
      destination.url,
      { method: 'POST', headers, body: message.body, signal: AbortSignal.timeout(deps.settings.timeoutMs) },
      destination.addresses,
    );
    await res.body?.cancel().catch(() => {});
    const ok = res.status >= 200 && res.status <= 299;
    return { statusCode: res.status, error: ok ? null : `HTTP ${res.status}`, durationMs: took() };
  } catch (err) {
    const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
    const error = timedOut ? `no answer within ${deps.settings.timeoutMs / 1000} s` : `connection failed (${describeError(err)})`;
    return { statusCode: null, error, durationMs: took() };
  }
}

function describeError(err: unknown): string {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' ? code : err instanceof Error ? err.message.slice(0, 200) : 'unknown';
}
