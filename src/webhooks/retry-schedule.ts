/**
 * How long deliveries keep trying: 12 attempts, the gap doubling from one
 * minute and capped at eight hours (1 m, 2 m, 4 m … 4 h 16 m, then 8 h, 8 h),
 * so the last attempt comes about 24 hours 31 minutes after the first.
 */
export const MAX_ATTEMPTS = 12;

/** Seconds to wait after the `attempt`-th (1-based) failed attempt; null when that was the last. */
export function retryGapSeconds(attempt: number): number | null {
  if (attempt >= MAX_ATTEMPTS) return null;
  return Math.min(60 * 2 ** (attempt - 1), 8 * 3600);
}

/** An endpoint whose every attempt failed for this long is disabled and its owner e-mailed. */
export const DISABLE_AFTER_MS = 3 * 24 * 3600 * 1000;

/** A queued attempt holds its delivery this long; if it never reports back (a killed worker), the sweeper queues it again. */
export const ATTEMPT_LEASE_MS = 10 * 60 * 1000;

/** Deliveries (with their attempts) are kept this long for the owner's log, then deleted. */
export const DELIVERY_LOG_DAYS = 30;
