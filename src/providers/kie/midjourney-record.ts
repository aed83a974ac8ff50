import type { TaskState } from '../types.js';
import { kieError, mentionsContentPolicy } from './errors.js';

/**
 * KIE's Midjourney `record-info` differs from the Market's `recordInfo`:
 * `successFlag` instead of `state` (0 generating, 1 success, 2 failed,
 * 3 created but generation failed), and `resultInfoJson` holding
 * `{ resultUrls: [{ resultUrl }] }`. The documented example sends an object;
 * one client parses a string, so both are read, and the list may hold
 * objects or plain URL strings.
 */

function parsed(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

function urlOf(item: unknown): string | undefined {
  const url = typeof item === 'string' ? item : (item as { resultUrl?: unknown } | null)?.resultUrl;
  return typeof url === 'string' && url.length > 0 ? url : undefined;
}

/** The result URLs of a `resultInfoJson` (object or JSON string; entries objects or strings), in KIE's order. */
export function midjourneyResultUrls(resultInfoJson: unknown): string[] {
  const list = (parsed(resultInfoJson) as { resultUrls?: unknown } | null | undefined)?.resultUrls;
  if (!Array.isArray(list)) return [];
  return list.map(urlOf).filter((url): url is string => url !== undefined);
}

function failureOf(data: Record<string, unknown>, flag: number): TaskState {
  const code = typeof data.errorCode === 'number' || typeof data.errorCode === 'string' ? String(data.errorCode) : '';
  const message = typeof data.errorMessage === 'string' ? data.errorMessage : '';
  const detail = `Midjourney task failed: successFlag=${flag} errorCode=${code || '-'} errorMessage=${message || '-'}`;
  // As on the Market API, a moderation refusal is told apart only by its wording.
  const error = mentionsContentPolicy(message) ? kieError('content_policy', detail) : kieError('generation_failed', detail);
  return { state: 'failed', error };
}

/** Maps Midjourney record-info `data` to our TaskState; an unknown or missing flag reads as pending (the deadline bounds it). */
export function midjourneyStateFromRecord(data: Record<string, unknown>): TaskState {
  const flag = typeof data.successFlag === 'string' ? Number(data.successFlag) : data.successFlag;
  if (flag === 1) {
    const resultUrls = midjourneyResultUrls(data.resultInfoJson);
    if (resultUrls.length === 0) return { state: 'failed', error: kieError('generation_failed', 'Midjourney success without resultUrls') };
    return { state: 'succeeded', resultUrls };
  }
  if (flag === 2 || flag === 3) return failureOf(data, flag);
  return { state: 'pending' };
}

export function isKnownSuccessFlag(flag: unknown): boolean {
  const n = typeof flag === 'string' ? Number(flag) : flag;
  return n === 0 || n === 1 || n === 2 || n === 3;
}
