import { adminGetAccount, adminListSessions } from '../accounts/index.js';
import { adminListPurchases } from '../billing/index.js';
import type { AdminUser } from '../contracts/admin.js';
import { getBalance, listEntries } from '../credits/index.js';
import type { Db } from '../db/index.js';
import { adminCountUserGenerations } from '../generation/index.js';
import { adminStrikesOf } from '../moderation/index.js';
import { listMyPrivacyRequests } from '../privacy/index.js';

/** Everything support and moderators look at for one account, read from each owner (throws not_found). */
export async function getUserOverview(db: Db, input: { userId: string; now: Date }): Promise<AdminUser> {
  const account = await adminGetAccount(db, input.userId);
  const [balance, entries, purchases, sessions, generations, strikes, requests] = await Promise.all([
    getBalance(db, input.userId),
    listEntries(db, input.userId, { limit: 50 }),
    adminListPurchases(db, input.userId),
    adminListSessions(db, input.userId, input.now),
    adminCountUserGenerations(db, input.userId),
    adminStrikesOf(db, input.userId, input.now),
    listMyPrivacyRequests({ db }, { userId: input.userId }),
  ]);
  return {
    ...account,
    balance,
    ledger: entries.map((e) => ({
      id: Number(e.id),
      delta: e.delta,
      kind: e.kind,
      reference: e.reference,
      balanceAfter: e.balanceAfter,
      createdAt: e.createdAt.toISOString(),
    })),
    purchases,
    sessions,
    generations,
    strikes,
    privacyRequests: requests.map((r) => ({ id: r.id, type: r.kind, status: r.status, createdAt: r.createdAt })),
  };
}
