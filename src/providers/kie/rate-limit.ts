/**
 * Paces createTask calls to stay under KIE's account limit (20 new tasks per
 * 10 s; requests over it are refused with 429, not queued). Injectable so a
 * limiter shared by every worker (e.g. in the database) can replace this one.
 */
export interface RateLimiter {
  /** Resolves when one more request may be sent now. */
  acquire(): Promise<void>;
}

export interface InProcessRateLimiterOptions {
  /** Requests allowed per window. Default 20. */
  limit?: number;
  /** Window length in ms. Default 10 000. */
  windowMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A sliding-window limiter: never more than `limit` acquisitions in any
 * `windowMs`. A continuously refilling bucket would allow a 21st request a
 * moment after a burst of 20, which KIE's window would refuse. Each caller
 * reserves its slot synchronously, so concurrent callers cannot race.
 */
export function createInProcessRateLimiter(options: InProcessRateLimiterOptions = {}): RateLimiter {
  const limit = options.limit ?? 20;
  const windowMs = options.windowMs ?? 10_000;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  // Start times of the most recent `limit` reservations, ascending.
  const slots: number[] = [];
  return {
    async acquire() {
      const current = now();
      const oldest = slots.length >= limit ? slots[slots.length - limit] : undefined;
      const slot = oldest === undefined ? current : Math.max(current, oldest + windowMs);
      slots.push(slot);
      if (slots.length > limit) slots.splice(0, slots.length - limit);
      if (slot > current) await sleep(slot - current);
    },
  };
}

/** For tests and for a deployment that limits elsewhere. */
export const unlimitedRateLimiter: RateLimiter = { acquire: async () => {} };
