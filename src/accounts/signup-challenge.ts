import { createHmac } from 'node:crypto';
import { createChallenge, extractParams, verifySolution } from 'altcha-lib/v1';
import { lt } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { spentChallenges } from './accounts.schema.js';

/**
 * The optional proof-of-work on sign-up (ALTCHA, self-hosted: no third party
 * sees anyone). The browser finds the number whose SHA-256 with the salt is
 * the challenge, which costs a person a second or two once and a farm the
 * same for every account. The challenge is signed with a key derived from
 * AUTH_SECRET, expires, and each solution is accepted once.
 */
export interface SignupChallenges {
  issue(): Promise<{ algorithm: string; challenge: string; maxnumber?: number; salt: string; signature: string }>;
  /** Whether `payload` (the widget's base64 JSON) solves a live challenge of ours not used before; spends it. */
  redeem(payload: unknown): Promise<boolean>;
}

/** How long a challenge may be solved and sent. */
const CHALLENGE_TTL_MS = 10 * 60_000;

export function createSignupChallenges(o: { db: Db; secret: string; maxNumber: number; now: () => Date }): SignupChallenges {
  const hmacKey = createHmac('sha256', o.secret).update('animegen signup challenge').digest('hex');
  return {
    issue: () => createChallenge({ hmacKey, maxNumber: o.maxNumber, expires: new Date(o.now().getTime() + CHALLENGE_TTL_MS) }),
    async redeem(payload) {
      if (typeof payload !== 'string' || payload.length > 2000) return false;
      // The library checks the signature and the expiry against the wall clock; a bad payload is just false.
      const valid = await verifySolution(payload, hmacKey, true).catch(() => false);
      if (!valid) return false;
      const { expires } = extractParams(payload);
      const signature = (JSON.parse(Buffer.from(payload, 'base64').toString('utf8')) as { signature: string }).signature;
      const now = o.now();
      await o.db.delete(spentChallenges).where(lt(spentChallenges.expiresAt, now));
      const spent = await o.db
        .insert(spentChallenges)
        .values({ signature, expiresAt: new Date(Number(expires) * 1000 || now.getTime() + CHALLENGE_TTL_MS) })
        .onConflictDoNothing()
        .returning({ signature: spentChallenges.signature });
      return spent.length === 1;
    },
  };
}
