import { describe, expect, it } from 'vitest';
import { createInProcessRateLimiter } from './rate-limit.js';

/** A limiter on a fake clock that records how long each caller was told to wait. */
function fakeLimiter(limit = 20, windowMs = 10_000) {
  let now = 0;
  const waits: number[] = [];
  const limiter = createInProcessRateLimiter({
    limit,
    windowMs,
    now: () => now,
    sleep: async (ms) => {
      waits.push(ms);
    },
  });
  return { limiter, waits, advance: (ms: number) => (now += ms) };
}

describe('createInProcessRateLimiter', () => {
  it('lets 20 requests through at once and makes the 21st wait for the window to pass', async () => {
    const { limiter, waits } = fakeLimiter();
    for (let i = 0; i < 20; i++) await limiter.acquire();
    expect(waits).toEqual([]);
    await limiter.acquire();
    expect(waits).toEqual([10_000]);
  });

  it('never allows more than the limit in any window, even when the burst is spread out', async () => {
    const { limiter, waits, advance } = fakeLimiter(2, 1_000);
    await limiter.acquire(); // t=0
    advance(600);
    await limiter.acquire(); // t=600
    await limiter.acquire(); // must wait until t=1000
    expect(waits).toEqual([400]);
  });

  it('reserves slots for concurrent callers in order', async () => {
    const { limiter, waits } = fakeLimiter(1, 1_000);
    await Promise.all([limiter.acquire(), limiter.acquire(), limiter.acquire()]);
    expect(waits).toEqual([1_000, 2_000]);
  });

  it('frees slots once the window has passed', async () => {
    const { limiter, waits, advance } = fakeLimiter(2, 1_000);
    await limiter.acquire();
    await limiter.acquire();
    advance(1_000);
    await limiter.acquire();
    expect(waits).toEqual([]);
  });
});
