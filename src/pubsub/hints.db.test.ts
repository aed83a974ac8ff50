import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/helpers/db.js';
import type { Database } from '../db/index.js';
import { createLogger } from '../lib/logger.js';
import { createHintHub, type HintHub, sendHintBestEffort } from './hints.js';

describe('hints', () => {
  let database: Database;
  let hub: HintHub;
  const log = createLogger('silent');
  beforeAll(async () => {
    database = await createTestDatabase();
    hub = await createHintHub(database);
  });
  afterAll(async () => {
    await hub.close();
    await database.close();
  });

  /** A minute-long wait for `key`: woken, or still waiting 3 s later (then called off). */
  async function race(key: string, since?: number) {
    const stop = new AbortController();
    const wait = hub.wait(key, 60_000, stop.signal, since).then(
      () => 'woken',
      () => 'called off',
    );
    const outcome = await Promise.race([wait, sleep(3_000).then(() => 'still waiting')]);
    stop.abort();
    return outcome;
  }

  it('cuts a wait short when the hint comes', async () => {
    const waiting = race('gen-a');
    await sleep(50);
    await sendHintBestEffort(database.db, log, 'gen-a');
    expect(await waiting).toBe('woken');
  });

  it('does not lose a hint that came while the worker was busy asking the provider', async () => {
    const asked = Date.now();
    await sendHintBestEffort(database.db, log, 'gen-b');
    await sleep(100); // delivered, nobody waiting
    expect(await race('gen-b', asked)).toBe('woken');
    // A hint from before the last look is old news: the wait runs its course.
    expect(await race('gen-b', Date.now())).toBe('still waiting');
    expect(await race('gen-c', asked)).toBe('still waiting');
  });
});
