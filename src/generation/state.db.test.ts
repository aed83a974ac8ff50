import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/helpers/db.js';
import { insertUser } from '../../test/helpers/factories.js';
import type { GenerationStatus } from '../contracts/api.js';
import type { Database } from '../db/index.js';
import { newId } from '../lib/ids.js';
import { markCanceled, markFailed, startRun, succeedWithImages } from './generation.queries.js';
import { generations } from './generation.schema.js';
import { canTransition, transitions } from './state.js';

const statuses = Object.keys(transitions) as GenerationStatus[];

/**
 * The statements that change a generation's status, run against every
 * status: each moves the row exactly when the transition table allows it, so
 * the table is what runs, not a description of it.
 */
describe('the status changes the database runs follow the transition table', () => {
  let database: Database;
  let userId: string;
  beforeAll(async () => {
    database = await createTestDatabase();
    userId = await insertUser(database.db);
  });
  afterAll(() => database?.close());

  async function generationIn(status: GenerationStatus): Promise<string> {
    const id = newId();
    await database.db.insert(generations).values({
      id,
      userId,
      status,
      prompt: 'state machine',
      modelId: 'm',
      provider: 'kie',
      providerModel: 'p',
      aspectRatio: '1:1',
      count: 1,
      seed: 1,
      cost: 2,
      deadlineAt: new Date(Date.now() + 60_000),
    });
    return id;
  }
  const statusOf = async (id: string) => (await database.db.select().from(generations).where(eq(generations.id, id)))[0]!.status;

  const moves: Record<GenerationStatus, (id: string) => Promise<boolean>> = {
    // Nothing moves a generation back to queued: the only statement that could, the insert, makes a new row.
    queued: async () => false,
    running: async (id) => (await startRun(database.db, id, new Date()))?.started ?? false,
    succeeded: (id) => succeedWithImages(database.db, id, new Date(), [], { refunded: 0, error: null }),
    failed: async (id) => (await markFailed(database.db, id, new Date(), { code: 'internal', message: 'x' })) !== null,
    // The cancel reads the status first and names it, so the CAS is tried from the status the row is in.
    canceled: async (id) =>
      (await markCanceled(database.db, { userId, id, from: (await statusOf(id)) as GenerationStatus, now: new Date() })) !== null,
  };

  for (const from of statuses) {
    for (const [to, move] of Object.entries(moves) as [GenerationStatus, (id: string) => Promise<boolean>][]) {
      const allowed = canTransition(from, to);
      it(`${from} → ${to}: ${allowed ? 'moves' : 'refused, row unchanged'}`, async () => {
        const id = await generationIn(from);
        expect(await move(id)).toBe(allowed);
        expect(await statusOf(id)).toBe(allowed ? to : from);
      });
    }
  }
});
