import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/helpers/db.js';
import { type Database, queryRows } from '../db/index.js';
import { createLogger } from '../lib/logger.js';
import { housekeepingJob } from './jobs.js';
import { listOpenAlerts, raiseOperatorAlert, resolveAlert } from './operator-alerts.js';

const DAY = 86_400_000;

describe('admin housekeeping', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database?.close());

  it('drops alerts resolved more than 90 days ago, keeping recent history and every open alert', async () => {
    const now = new Date();
    const raise = async (code: string) => {
      await raiseOperatorAlert(database.db, { kind: 'provider_account', source: 'kie', code, now });
      return (await listOpenAlerts(database.db)).find((a) => a.code === code)!.id;
    };
    await resolveAlert(database.db, { alertId: await raise('old'), now: new Date(now.getTime() - 91 * DAY) });
    await resolveAlert(database.db, { alertId: await raise('recent'), now: new Date(now.getTime() - 10 * DAY) });
    await raise('open');

    const ctx = { db: database.db, clock: { now: () => now }, log: createLogger('silent') };
    await housekeepingJob.run(ctx, null, { id: 'test', retryCount: 0, retryLimit: 1, handOff: async () => {} });

    const left = await queryRows<{ code: string }>(database.db, sql`select code from operator_alerts order by code`);
    expect(left.map((r) => r.code)).toEqual(['open', 'recent']);
  });
});
