import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/helpers/db.js';
import type { Database } from '../db/index.js';
import { tables } from '../db/index.js';
import { newId } from '../lib/ids.js';
import { debitForGeneration, getBalance, grantCredits, listEntries, refundGeneration } from './index.js';

describe('the credit ledger', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  async function givenUser(credits = 0): Promise<string> {
    const id = newId();
    await database.db.insert(tables.user).values({ id, name: 'L', email: `${id}@example.com` });
    if (credits) await grantCredits(database.db, { userId: id, amount: credits, kind: 'signup_grant', reference: id });
    return id;
  }

  async function invariant(userId: string) {
    const entries = await listEntries(database.db, userId, { limit: 1000 });
    const balance = await getBalance(database.db, userId);
    const chronological = [...entries].reverse();
    let running = 0;
    for (const e of chronological) {
      running += e.delta;
      expect(e.balanceAfter).toBe(running);
    }
    expect(running).toBe(balance);
    expect(balance).toBeGreaterThanOrEqual(0);
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

  it('the database itself refuses a negative balance', async () => {
    const userId = await givenUser(1);
    await expect(database.db.execute(sql`update credit_balances set balance = -1 where user_id = ${userId}`)).rejects.toThrow();
  });
});
