import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createLimiter } from './limiter.js';

describe('createLimiter', () => {
  it('runs at most max tasks at once, all of them in the end, in order, failures included', async () => {
    const limit = createLimiter(3);
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        limit(async () => {
          started.push(i);
          peak = Math.max(peak, ++running);
          await sleep(5);
          running--;
          if (i === 7) throw new Error('boom');
          return i;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(started).toEqual([...Array(20).keys()]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(19);
    expect(results[7]).toMatchObject({ status: 'rejected' });
  });
});
