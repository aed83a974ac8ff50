import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ProviderCallbacks } from '../types.js';
import { kieTaskIdOf, ourTaskId } from './task-ids.js';

/** A signed callback older or newer than this is refused (replays, clock skew). */
const MAX_SKEW_SECONDS = 300;

const sameText = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

const header = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * A Midjourney callback's `data` is `{ taskId, promptJson, resultUrls: [url…] }`
 * (a flat list, on failure empty); a Market callback's carries `state`,
 * `model` and `resultJson` instead. If KIE ever changed that, the callback
 * would name no task of ours (404) and polling would still find the result.
 */
function isMidjourneyCallback(data: Record<string, unknown>): boolean {
  return data.state === undefined && data.model === undefined && ('promptJson' in data || Array.isArray(data.resultUrls));
}

/**
 * How KIE calls us back: a JSON body naming the task (`data.taskId`, or
 * `data.task_id` / `taskId` on some models; Midjourney's own shape too) and, when the account has a
 * webhook HMAC key, `X-Webhook-Signature` = base64 HMAC-SHA256 of
 * `<taskId>.<X-Webhook-Timestamp>`.
 */
export function kieCallbacks(webhookHmacKey: string | null): ProviderCallbacks {
  return {
    route: 'kie',
    taskIdOf(body) {
      const b = body as { data?: { taskId?: unknown; task_id?: unknown }; taskId?: unknown } | null;
      const id = b?.data?.taskId ?? b?.data?.task_id ?? b?.taskId;
      if (typeof id !== 'string' || id.length === 0 || id.length >= 200) return null;
      // The id as this adapter handed it out, so it matches the one the generation stored.
      const data = typeof b?.data === 'object' && b.data !== null ? (b.data as Record<string, unknown>) : {};
      return ourTaskId(isMidjourneyCallback(data) ? 'midjourney' : 'market', id);
    },
    verify({ taskId: ourId, headers, now }) {
      if (!webhookHmacKey) return true;
      // KIE signs its own id, without our prefix.
      const taskId = kieTaskIdOf(ourId).id;
      const timestamp = header(headers['x-webhook-timestamp']);
      const signature = header(headers['x-webhook-signature']);
      const ts = Number(timestamp);
      const skew = Math.abs(now.getTime() / 1000 - ts);
      const expected = createHmac('sha256', webhookHmacKey).update(`${taskId}.${timestamp}`).digest('base64');
      return Boolean(signature) && Number.isFinite(ts) && skew <= MAX_SKEW_SECONDS && sameText(signature!, expected);
    },
  };
}
