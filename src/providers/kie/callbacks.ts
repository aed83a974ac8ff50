import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ProviderCallbacks } from '../types.js';

/** A signed callback older or newer than this is refused (replays, clock skew). */
const MAX_SKEW_SECONDS = 300;

const sameText = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

const header = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * How KIE calls us back: a JSON body naming the task (`data.taskId`, or
 * `data.task_id` / `taskId` on some models) and, when the account has a
 * webhook HMAC key, `X-Webhook-Signature` = base64 HMAC-SHA256 of
 * `<taskId>.<X-Webhook-Timestamp>`.
 */
export function kieCallbacks(webhookHmacKey: string | null): ProviderCallbacks {
  return {
    route: 'kie',
    taskIdOf(body) {
      const b = body as { data?: { taskId?: unknown; task_id?: unknown }; taskId?: unknown } | null;
      const id = b?.data?.taskId ?? b?.data?.task_id ?? b?.taskId;
      return typeof id === 'string' && id.length > 0 && id.length < 200 ? id : null;
    },
    verify({ taskId, headers, now }) {
      if (!webhookHmacKey) return true;
      const timestamp = header(headers['x-webhook-timestamp']);
      const signature = header(headers['x-webhook-signature']);
      const ts = Number(timestamp);
      const skew = Math.abs(now.getTime() / 1000 - ts);
      const expected = createHmac('sha256', webhookHmacKey).update(`${taskId}.${timestamp}`).digest('base64');
      return Boolean(signature) && Number.isFinite(ts) && skew <= MAX_SKEW_SECONDS && sameText(signature!, expected);
    },
  };
}
