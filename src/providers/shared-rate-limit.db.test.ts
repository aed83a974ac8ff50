import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/helpers/db.js';
import type { Database } from '../db/index.js';
import { queryRows } from '../db/index.js';
import { createSharedRateLimiter } from './shared-rate-limit.js';

describe('the rate limiter shared by all workers', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  it('lets at most `limit` calls start in any window, across two limiter instances (two workers)', async () => {
    const opts = { bucket: 'test-window', limit: 5, windowMs: 600 };
    const workerA = createSharedRateLimiter(database.db, opts);
    const workerB = createSharedRateLimiter(database.db, opts);
    const started: number[] = [];
    const t0 = Date.now();
    await Promise.all(
      Array.from({ length: 15 }, (_, i) => (i % 2 ? workerA : workerB).acquire().then(() => started.push(Date.now() - t0))),
    );
    started.sort((a, b) => a - b);
    const rows = await queryRows<{ ms: number }>(
      database.db,
      sql`select (extract(epoch from at) * 1000)::float8 as ms from provider_rate_slots where bucket = 'test-window' order by at`,
    );
    const slots = rows.map((r) => Number(r.ms));
    expect(slots).toHaveLength(15);
    // The recorded send times: any 600 ms window holds at most 5 of them.
    for (let i = 5; i < slots.length; i++) expect(slots[i]! - slots[i - 5]!).toBeGreaterThanOrEqual(600);
    // Callers past the first five waited; nobody waited much longer than needed.
    for (let i = 5; i < started.length; i++) expect(started[i]!).toBeGreaterThanOrEqual(600 - 20);
    expect(started.at(-1)!).toBeLessThan(3 * 600 + 1500);
  });

  it('keeps separate buckets apart', async () => {
    const a = createSharedRateLimiter(database.db, { bucket: 'a', limit: 1, windowMs: 5000 });
    const b = createSharedRateLimiter(database.db, { bucket: 'b', limit: 1, windowMs: 5000 });
    const t0 = Date.now();
    await Promise.all([a.acquire(), b.acquire()]);
    expect(Date.now() - t0).toBeLessThan(1000);
  });
});
