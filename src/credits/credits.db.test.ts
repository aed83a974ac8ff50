import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/helpers/db.js';
import { insertUser } from '../../test/helpers/factories.js';
import type { Database } from '../db/index.js';
import { newId } from '../lib/ids.js';
import {
  debitForGeneration,
  getBalance,
  grantCredits,
  listEntries,
  reconcileBalances,
  refundGeneration,
  takeBackCredits,
} from './index.js';

describe('the credit ledger', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  async function givenUser(credits = 0): Promise<string> {
    const id = newId();
    await insertUser(database.db, { id, name: 'L' });
    if (credits) await grantCredits(database.db, { userId: id, amount: credits, kind: 'signup_grant', reference: id });
    return id;
  }

  async function invariant(userId: string, opts: { debtAllowed?: boolean } = {}) {
    const entries = await listEntries(database.db, userId, { limit: 1000 });
    const balance = await getBalance(database.db, userId);
    const chronological = [...entries].reverse();
    let running = 0;
    for (const e of chronological) {
      running += e.delta;
      expect(e.balanceAfter).toBe(running);
    }
    expect(running).toBe(balance);
    if (!opts.debtAllowed) expect(balance).toBeGreaterThanOrEqual(0);
    return balance;
  }

  it('grants once per (kind, reference) even when 20 grants race', async () => {
    const userId = await givenUser();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => grantCredits(database.db, { userId, amount: 20, kind: 'signup_grant', reference: userId })),
    );
    expect(results.filter((r) => r.applied)).toHaveLength(1);
    expect(await invariant(userId)).toBe(20);
  });

  it('never overdraws: 30 racing debits of 3 against 20 leave 2', async () => {
    const userId = await givenUser(20);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 30 }, () =>
        database.db.transaction((tx) => debitForGeneration(tx, { userId, generationId: newId(), amount: 3 })),
      ),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(6);
    const rejected = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(rejected.every((r) => r.reason.code === 'insufficient_credits')).toBe(true);
    expect(await invariant(userId)).toBe(2);
  });

  it('refunds a generation at most once, whoever asks', async () => {
    const userId = await givenUser(10);
    const generationId = newId();
    await database.db.transaction((tx) => debitForGeneration(tx, { userId, generationId, amount: 4 }));
    const refunds = await Promise.all(
      Array.from({ length: 10 }, () => database.db.transaction((tx) => refundGeneration(tx, { userId, generationId, amount: 4 }))),
    );
    expect(refunds.filter((r) => r !== null)).toHaveLength(1);
    expect(await invariant(userId)).toBe(10);
  });

  it('rolls the debit back with the rest of its transaction', async () => {
    const userId = await givenUser(10);
    await expect(
      database.db.transaction(async (tx) => {
        await debitForGeneration(tx, { userId, generationId: newId(), amount: 4 });
        throw new Error('boom after the debit');
      }),
    ).rejects.toThrow('boom');
    expect(await invariant(userId)).toBe(10);
  });

  it('refuses to rewrite history: UPDATE, DELETE and TRUNCATE on entries fail in the database', async () => {
    const userId = await givenUser(5);
    // drizzle wraps the database error; the trigger's message is its cause.
    const refused = (e: { message: string; cause?: { message?: string } }) => /append-only/.test(e.cause?.message ?? e.message);
    await expect(database.db.execute(sql`update credit_entries set delta = 500 where user_id = ${userId}`)).rejects.toSatisfy(refused);
    await expect(database.db.execute(sql`delete from credit_entries where user_id = ${userId}`)).rejects.toSatisfy(refused);
    await expect(database.db.execute(sql`truncate credit_entries`)).rejects.toSatisfy(refused);
    expect(await invariant(userId)).toBe(5);
  });

  it('takes back a refunded purchase only as far as the balance goes, but a dispute into debt', async () => {
    const userId = await givenUser(0);
    await grantCredits(database.db, { userId, amount: 100, kind: 'purchase', reference: 'cs_1' });
    await database.db.transaction((tx) => debitForGeneration(tx, { userId, generationId: newId(), amount: 70 }));
    const refunded = await database.db.transaction((tx) =>
      takeBackCredits(tx, { userId, amount: 100, kind: 'purchase_refund', reference: 'ch_1:re_1' }),
    );
    expect(refunded).toEqual({ delta: -30, balance: 0 });
    await grantCredits(database.db, { userId, amount: 50, kind: 'purchase', reference: 'cs_2' });
    await database.db.transaction((tx) => debitForGeneration(tx, { userId, generationId: newId(), amount: 40 }));
    const disputed = await database.db.transaction((tx) => takeBackCredits(tx, { userId, amount: 50, kind: 'dispute', reference: 'dp_1' }));
    expect(disputed).toEqual({ delta: -50, balance: -40 });
    expect(await invariant(userId, { debtAllowed: true })).toBe(-40);
    // In debt, nothing can be charged.
    await expect(
      database.db.transaction((tx) => debitForGeneration(tx, { userId, generationId: newId(), amount: 1 })),
    ).rejects.toMatchObject({
      code: 'insufficient_credits',
    });
    // The same dispute again changes nothing.
    expect(
      await database.db.transaction((tx) => takeBackCredits(tx, { userId, amount: 50, kind: 'dispute', reference: 'dp_1' })),
    ).toBeNull();
  });

  it('reconciliation reports exactly the one balance that disagrees with its entries', async () => {
    const healthy = await givenUser(10);
    const corrupted = await givenUser(10);
    expect((await reconcileBalances({ db: database.db })).map((m) => m.userId)).not.toContain(corrupted);
    await database.db.execute(sql`update credit_balances set balance = 999 where user_id = ${corrupted}`);
    const mismatches = await reconcileBalances({ db: database.db });
    expect(mismatches).toEqual([{ userId: corrupted, balance: 999, sumOfEntries: 10 }]);
    expect(mismatches.map((m) => m.userId)).not.toContain(healthy);
    await database.db.execute(sql`update credit_balances set balance = 10 where user_id = ${corrupted}`);
  });
});
