import type { TaskState } from '../types.js';
import { kieError, mentionsContentPolicy } from './errors.js';

const PENDING_STATES = new Set(['waiting', 'queuing', 'generating']);
const FAILED_STATES = new Set(['fail', 'failed']);

function progressOf(value: unknown): number | undefined {
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n)) return undefined;
  return Math.min(100, Math.max(0, Math.round(n)));
}

/** `resultJson` is a JSON string inside the JSON; tolerate an object too. */
function resultUrlsOf(resultJson: unknown): string[] {
  let parsed: unknown = resultJson;
  if (typeof resultJson === 'string') {
    try {
      parsed = JSON.parse(resultJson);
    } catch {
      return [];
    }
  }
  const urls = (parsed as { resultUrls?: unknown } | null)?.resultUrls;
  return Array.isArray(urls) ? urls.filter((u): u is string => typeof u === 'string' && u.length > 0) : [];
}

function failureOf(data: Record<string, unknown>): TaskState {
  const failCode = typeof data.failCode === 'string' || typeof data.failCode === 'number' ? String(data.failCode) : '';
  const failMsg = typeof data.failMsg === 'string' ? data.failMsg : '';
  const detail = `task failed: failCode=${failCode || '-'} failMsg=${failMsg || '-'}`;
  // Moderation refusals arrive here as ordinary task failures, told apart only by wording.
  const error = mentionsContentPolicy(failMsg) ? kieError('content_policy', detail) : kieError('generation_failed', detail);
  return { state: 'failed', error };
}

/**
 * Maps recordInfo's `data` to our TaskState. States are compared
 * case-insensitively and both `fail` and `failed` are accepted. An unknown
 * state reads as pending: the generation deadline bounds it.
 */
export function taskStateFromRecord(data: Record<string, unknown>): TaskState {
  const state = typeof data.state === 'string' ? data.state.toLowerCase() : '';
  if (state === 'success') {
    const resultUrls = resultUrlsOf(data.resultJson);
    if (resultUrls.length === 0) return { state: 'failed', error: kieError('generation_failed', 'success without resultUrls') };
    return { state: 'succeeded', resultUrls };
  }
  if (FAILED_STATES.has(state)) return failureOf(data);
  const progress = progressOf(data.progress);
  return progress === undefined ? { state: 'pending' } : { state: 'pending', progress };
}

export function isKnownState(state: unknown): boolean {
  const s = typeof state === 'string' ? state.toLowerCase() : '';
  return s === 'success' || FAILED_STATES.has(s) || PENDING_STATES.has(s);
}
