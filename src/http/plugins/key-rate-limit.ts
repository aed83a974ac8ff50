/**
 * Per-key request limits for the API: a fixed window per key, kept in this
 * process's memory (no database write on the hot path; with several web
 * processes each counts its own). Answers what the RateLimit headers say
 * (draft-ietf-httpapi-ratelimit-headers: policy `q` requests per `w` seconds,
 * `r` remaining, `t` seconds until the window resets).
 */
export interface KeyRateLimit {
  max: number;
  windowMs: number;
}

export interface RateDecision {
  allowed: boolean;
  remaining: number;
  /** Whole seconds until the window resets (at least 1). */
  resetSeconds: number;
}

const MAX_TRACKED = 50_000;

export function createKeyRateLimiter(limit: KeyRateLimit, now: () => number) {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    policy: `"key";q=${limit.max};w=${Math.round(limit.windowMs / 1000)}`,
    take(keyId: string): RateDecision {
      const at = now();
      let w = windows.get(keyId);
      if (!w || at - w.start >= limit.windowMs) {
        // A full map drops every window: at worst a key gets one fresh window early.
        if (!w && windows.size >= MAX_TRACKED) windows.clear();
        w = { start: at, count: 0 };
        windows.set(keyId, w);
      }
      const resetSeconds = Math.max(1, Math.ceil((w.start + limit.windowMs - at) / 1000));
      if (w.count >= limit.max) return { allowed: false, remaining: 0, resetSeconds };
      w.count += 1;
      return { allowed: true, remaining: limit.max - w.count, resetSeconds };
    },
  };
}
