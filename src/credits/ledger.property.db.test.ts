import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/helpers/db.js';
import { insertUser } from '../../test/helpers/factories.js';
import type { Database } from '../db/index.js';
import { newId } from '../lib/ids.js';
import { debitForGeneration, grantCredits, refundGeneration, takeBackCredits } from './index.js';

type Rows = { rows: Record<string, unknown>[] };

/** What the test remembers: references it may act on again (refunds, disputes, replays). */
interface Model {
  debits: { id: string; amount: number }[];
  purchases: { id: string; amount: number }[];
}

type Op = (db: Database['db'], userId: string, m: Model) => Promise<unknown>;

const ops = {
  signupGrant:
    (amount: number): Op =>
    (db, userId) =>
      grantCredits(db, { userId, amount, kind: 'signup_grant', reference: userId }),
  purchase:
    (amount: number): Op =>
    async (db, userId, m) => {
      const id = `cs_${newId()}`;
      const r = await grantCredits(db, { userId, amount, kind: 'purchase', reference: id });
      if (r.applied) m.purchases.push({ id, amount });
    },
  replayPurchase:
    (pick: number): Op =>
    async (db, userId, m) => {
      const p = m.purchases[pick % Math.max(m.purchases.length, 1)];
      if (p) await grantCredits(db, { userId, amount: p.amount, kind: 'purchase', reference: p.id });
    },
  debit:
    (amount: number): Op =>
    async (db, userId, m) => {
      const id = newId();
      try {
        await db.transaction((tx) => debitForGeneration(tx, { userId, generationId: id, amount }));
        m.debits.push({ id, amount });
      } catch (e) {
        if ((e as { code?: string }).code !== 'insufficient_credits') throw e;
      }
    },
  refundGeneration:
    (pick: number): Op =>
    async (db, userId, m) => {
      const d = m.debits[pick % Math.max(m.debits.length, 1)];
      if (d) await db.transaction((tx) => refundGeneration(tx, { userId, generationId: d.id, amount: d.amount }));
    },
  purchaseRefund:
    (pick: number, share: number): Op =>
    async (db, userId, m) => {
      const p = m.purchases[pick % Math.max(m.purchases.length, 1)];
      if (p)
        await db.transaction((tx) =>
          takeBackCredits(tx, {
            userId,
            amount: Math.max(1, Math.round(p.amount * share)),
            kind: 'purchase_refund',
            reference: `${p.id}:refund`,
          }),
        );
    },
  dispute:
    (pick: number): Op =>
    async (db, userId, m) => {
      const p = m.purchases[pick % Math.max(m.purchases.length, 1)];
      if (p) await db.transaction((tx) => takeBackCredits(tx, { userId, amount: p.amount, kind: 'dispute', reference: `${p.id}:dispute` }));
    },
  adminAdjust:
    (amount: number): Op =>
    (db, userId) =>
      amount > 0
        ? grantCredits(db, { userId, amount, kind: 'admin_adjustment', reference: newId() })
        : db.transaction((tx) => takeBackCredits(tx, { userId, amount: -amount, kind: 'admin_adjustment', reference: newId() })),
  expiry:
    (amount: number): Op =>
    (db, userId) =>
      db.transaction((tx) => takeBackCredits(tx, { userId, amount, kind: 'expiry', reference: newId() })),
};

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.integer({ min: 1, max: 50 }).map(ops.signupGrant),
  fc.integer({ min: 1, max: 200 }).map(ops.purchase),
  fc.nat().map(ops.replayPurchase),
  fc.integer({ min: 1, max: 40 }).map(ops.debit),
  fc.nat().map(ops.refundGeneration),
  fc.tuple(fc.nat(), fc.double({ min: 0.1, max: 1, noNaN: true })).map(([p, s]) => ops.purchaseRefund(p, s)),
  fc.nat().map(ops.dispute),
  fc
    .integer({ min: -30, max: 30 })
    .filter((n) => n !== 0)
    .map(ops.adminAdjust),
  fc.integer({ min: 1, max: 30 }).map(ops.expiry),
);

/** Steps run one by one or as a concurrent burst. */
const stepArb = fc.oneof(
  { weight: 3, arbitrary: opArb.map((op) => [op]) },
  { weight: 1, arbitrary: fc.array(opArb, { minLength: 2, maxLength: 6 }) },
);

describe('ledger invariants under random operations (model-based, fast-check)', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  async function checkInvariants(userId: string) {
    const entries = (
      (await database.db.execute(
        sql`select delta, kind, balance_after from credit_entries where user_id = ${userId} order by id`,
      )) as unknown as Rows
    ).rows;
    const balance = Number(
      ((await database.db.execute(sql`select balance from credit_balances where user_id = ${userId}`)) as unknown as Rows).rows[0]
        ?.balance ?? 0,
    );
    let running = 0;
    for (const e of entries) {
      running += Number(e.delta);
      expect(Number(e.balance_after)).toBe(running);
    }
    expect(running).toBe(balance);
    if (!entries.some((e) => e.kind === 'dispute')) expect(balance).toBeGreaterThanOrEqual(0);
    const dupes = (
      (await database.db.execute(
        sql`select count(*)::int as n from (select kind, reference from credit_entries where user_id = ${userId} group by kind, reference having count(*) > 1) d`,
      )) as unknown as Rows
    ).rows[0]?.n;
    expect(Number(dupes)).toBe(0);
  }

  it('keeps sum of entries = balance, a correct balance_after chain, no negative balance without a dispute, no movement twice', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 5, maxLength: 40 }), async (steps) => {
        const userId = newId();
        await insertUser(database.db, { id: userId, name: 'P' });
        const model: Model = { debits: [], purchases: [] };
        for (const step of steps) {
          await Promise.all(step.map((op) => op(database.db, userId, model)));
          await checkInvariants(userId);
        }
      }),
      { numRuns: 50 },
    );
  }, 240_000);
});
