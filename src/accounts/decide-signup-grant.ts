import { and, count, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { newId } from '../lib/ids.js';
import { signupGrants, user } from './accounts.schema.js';
import { isDisposableDomain } from './disposable-domains.js';
import { domainOf, normaliseAddress, signupKeyHash } from './signup-identity.js';

export const signupGrantOutcomes = ['pending', 'granted', 'disposable_address', 'address_already_granted', 'network_limit'] as const;
/** What became of an account's free sign-up grant; every value but `granted` and `pending` says why none was given. */
export type SignupGrantOutcome = (typeof signupGrantOutcomes)[number];

const DAY_MS = 86_400_000;

export interface SignupGrantRules {
  secret: string;
  /** Grants per sign-up network in any 24 hours; 0: no cap. */
  perNetworkPerDay: number;
}

/**
 * Decides the free sign-up grant once the address is verified, and when it
 * is due, gives it through `grant` (the ledger's write) in the same
 * transaction as the decision. None for a disposable domain, for an address
 * that normalises to one already granted (erased accounts included), or once
 * the sign-up network has had `perNetworkPerDay` grants in the last 24 hours.
 * Concurrent decisions on one network or one address wait for each other
 * (transaction advisory locks, network before address), so a race cannot
 * pass the cap. Idempotent: a decided account returns its first outcome and
 * `grant` is not called again. Null when the account is gone.
 */
export async function decideSignupGrant(
  db: Db,
  input: { userId: string; now: Date; rules: SignupGrantRules },
  grant: (tx: Db) => Promise<void>,
): Promise<SignupGrantOutcome | null> {
  const { userId, now, rules } = input;
  return db.transaction(async (tx) => {
    const [account] = await tx.select({ email: user.email, deletedAt: user.deletedAt }).from(user).where(eq(user.id, userId));
    if (!account || account.deletedAt) return null;
    // An account from before sign-ups were recorded has no row (and no known network).
    await tx.insert(signupGrants).values({ id: newId(), userId, signedUpAt: now }).onConflictDoNothing({ target: signupGrants.userId });
    const [row] = await tx.select().from(signupGrants).where(eq(signupGrants.userId, userId)).for('update');
    if (!row) throw new Error('signup_grants row vanished inside its transaction');
    if (row.outcome !== 'pending') return row.outcome as SignupGrantOutcome;

    const addressHash = signupKeyHash(rules.secret, 'address', normaliseAddress(account.email) ?? account.email.toLowerCase());
    if (row.networkHash) await lockKey(tx, `signup-grant:network:${row.networkHash}`);
    await lockKey(tx, `signup-grant:address:${addressHash}`);

    const outcome = await outcomeFor(tx, { email: account.email, addressHash, networkHash: row.networkHash, now, rules });
    if (outcome === 'granted') await grant(tx);
    await tx.update(signupGrants).set({ outcome, addressHash, decidedAt: now }).where(eq(signupGrants.id, row.id));
    return outcome;
  });
}

async function outcomeFor(
  tx: Db,
  p: { email: string; addressHash: string; networkHash: string | null; now: Date; rules: SignupGrantRules },
): Promise<SignupGrantOutcome> {
  const domain = domainOf(p.email);
  if (domain && isDisposableDomain(domain)) return 'disposable_address';
  const granted = eq(signupGrants.outcome, 'granted');
  const same = await tx
    .select({ id: signupGrants.id })
    .from(signupGrants)
    .where(and(granted, eq(signupGrants.addressHash, p.addressHash)))
    .limit(1);
  if (same.length > 0) return 'address_already_granted';
  if (p.networkHash && p.rules.perNetworkPerDay > 0) {
    const since = new Date(p.now.getTime() - DAY_MS);
    const [recent] = await tx
      .select({ n: count() })
      .from(signupGrants)
      .where(and(granted, eq(signupGrants.networkHash, p.networkHash), gt(signupGrants.decidedAt, since)));
    if ((recent?.n ?? 0) >= p.rules.perNetworkPerDay) return 'network_limit';
  }
  return 'granted';
}

/** A transaction-scoped advisory lock on a text key (released at commit or rollback). */
async function lockKey(tx: Db, key: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
}
