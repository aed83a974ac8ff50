import { adminGetAccount } from '../accounts/index.js';
import { type Actor, recordOperatorAction } from '../audit/index.js';
import type { Db } from '../db/index.js';
import { AppError } from '../lib/errors.js';

/**
 * Support re-sends the verification e-mail for a user whose first one went
 * astray. The audit row commits first: the e-mail is the side effect that may
 * fail, and a record of an attempt beats a mail nobody accounts for.
 */
export async function resendVerification(
  deps: { db: Db; sendVerificationEmail: (email: string) => Promise<void> },
  input: { actor: Actor; userId: string; reason: string; now: Date },
): Promise<void> {
  const account = await adminGetAccount(deps.db, input.userId);
  if (account.emailVerified) throw new AppError('conflict', 'This address is already verified.');
  await deps.db.transaction((tx) =>
    recordOperatorAction(tx, {
      actor: input.actor,
      action: 'user.verification_resend',
      targetUserId: input.userId,
      reason: input.reason,
      now: input.now,
    }),
  );
  await deps.sendVerificationEmail(account.email);
}
