import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/index.js';
import { newId } from '../lib/ids.js';
import type { RateLimiter } from './kie/rate-limit.js';

/**
 * A sliding-window limiter shared by every process on one database. A caller
 * records its send only when the window has room, right before it sends (under
 * an advisory lock, on the database clock so processes on different machines
 * agree); otherwise it waits until the oldest send leaves the window and tries
 * again. Recording at send time (not a reserved future slot) keeps the count
 * honest even when the database is slow to answer.
 */
export function createSharedRateLimiter(db: Db, o: { bucket: string; limit: number; windowMs: number }): RateLimiter {
  const lockKey = `rate:${o.bucket}`;
  const window = `${o.windowMs} milliseconds`;
  const tryTake = (): Promise<number> =>
    db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${lockKey}))`);
      await tx.execute(
        sql`delete from provider_rate_slots where bucket = ${o.bucket} and at < clock_timestamp() - greatest(${window}::interval * 2, interval '1 minute')`,
      );
      const [row] = await queryRows<{ n: number; wait_ms: number }>(
        tx,
        sql`
        with recent as (
          select at from provider_rate_slots where bucket = ${o.bucket} and at > clock_timestamp() - ${window}::interval
          order by at desc limit ${o.limit}
        )
        select (select count(*)::int from recent) as n,
               (select (extract(epoch from min(at) + ${window}::interval - clock_timestamp()) * 1000)::float8 from recent) as wait_ms`,
      );
      if (row && Number(row.n) >= o.limit) return Math.max(1, Math.ceil(Number(row.wait_ms)));
      await tx.execute(sql`insert into provider_rate_slots (id, bucket, at) values (${newId()}, ${o.bucket}, clock_timestamp())`);
      return 0;
    });
  return {
    async acquire() {
      for (;;) {
        const waitMs = await tryTake();
        if (waitMs === 0) return;
        // A little jitter so waiting workers do not all retry at the same instant.
        await new Promise((resolve) => setTimeout(resolve, waitMs + Math.floor(Math.random() * 50)));
      }
    },
  };
}
