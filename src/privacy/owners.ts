/**
 * The one place privacy reaches into other modules' data: every module that
 * holds personal data exports it, erases it and (where it keeps pseudonymous
 * records for a legal period) purges it later through its own functions;
 * privacy never reads or writes another module's tables.
 */
import * as accounts from '../accounts/index.js';
import * as audit from '../audit/index.js';
import * as billing from '../billing/index.js';
import * as credits from '../credits/index.js';
import type { Db } from '../db/index.js';
import * as generation from '../generation/index.js';
import * as moderation from '../moderation/index.js';
import * as prompts from '../prompts/index.js';
import * as support from '../support/index.js';
import * as webhooks from '../webhooks/index.js';
import * as own from './personal-data.js';

/** Everything we hold about one user, read as one consistent snapshot; null when there is no live account. */
export async function readPersonalData(db: Db, userId: string) {
  return db.transaction(
    async (tx) => {
      const account = await accounts.exportUserData(tx, userId);
      if (!account) return null;
      return {
        ...account,
        ...(await credits.exportUserData(tx, userId)),
        ...(await billing.exportUserData(tx, userId)),
        ...(await generation.exportUserData(tx, userId, { mature: account.profile.matureContentAt != null })),
        ...(await prompts.exportUserData(tx, userId)),
        ...(await moderation.exportUserData(tx, userId)),
        ...(await support.exportUserData(tx, userId)),
        ...(await webhooks.exportUserData(tx, userId)),
        ...(await audit.exportUserData(tx, userId)),
        ...(await own.exportUserData(tx, userId)),
      };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

export type PersonalData = NonNullable<Awaited<ReturnType<typeof readPersonalData>>>;

/**
 * Erases the account in ONE transaction across every module (all of it or
 * none). Returns the address and language the account had and the storage
 * keys of its files, which the caller deletes after commit; null when there
 * is no live account. `alsoInTransaction` commits with the erasure (an
 * operator's audit row).
 */
export async function eraseAllUserData(db: Db, userId: string, now: Date, alsoInTransaction?: (tx: Db) => Promise<void>) {
  return db.transaction(async (tx) => {
    const account = await accounts.eraseUserData(tx, userId, now);
    if (!account) return null;
    await alsoInTransaction?.(tx);
    const parts = [
      await generation.eraseUserData(tx, userId),
      await prompts.eraseUserData(tx, userId),
      await moderation.eraseUserData(tx, userId),
      await support.eraseUserData(tx, userId),
      await webhooks.eraseUserData(tx, userId),
      await own.eraseUserData(tx, userId),
      await credits.eraseUserData(tx, userId),
      await billing.eraseUserData(tx, userId),
    ];
    return { account, files: parts.flatMap((p) => p.files) };
  });
}

/**
 * Accounts erased before `before` have had their pseudonymous ledger and
 * purchase records kept for the legal period: each goes with its anchor row,
 * one transaction per account. Returns how many (at most `limit` per call).
 */
export async function purgeErasedAccounts(db: Db, before: Date, limit: number): Promise<number> {
  const ids = await accounts.unsafeListErasedAccounts(db, before, limit);
  for (const id of ids) {
    await db.transaction(async (tx) => {
      await credits.purgeUserData(tx, id);
      await billing.purgeUserData(tx, id);
      await accounts.deleteErasedAccount(tx, id);
    });
  }
  return ids.length;
}
