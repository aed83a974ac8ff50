import type { Db } from '../db/index.js';
import { newId } from '../lib/ids.js';
import { signupGrants } from './accounts.schema.js';
import { networkOf, signupKeyHash } from './signup-identity.js';

/**
 * Remembers where a new account signed up from (its network as a keyed
 * hash), for the free-grant decision at verification. Called in the sign-up
 * request; idempotent per account. An address that is not an IP records no
 * network (the per-network cap then does not apply to that account).
 */
export async function recordSignup(db: Db, input: { userId: string; clientIp: string | null; secret: string; now: Date }): Promise<void> {
  const network = input.clientIp ? networkOf(input.clientIp) : null;
  await db
    .insert(signupGrants)
    .values({
      id: newId(),
      userId: input.userId,
      networkHash: network ? signupKeyHash(input.secret, 'network', network) : null,
      signedUpAt: input.now,
    })
    .onConflictDoNothing({ target: signupGrants.userId });
}
