import { type Actor, recordOperatorAction } from '../audit/index.js';
import { eraseAccount, type PrivacyContext } from '../privacy/index.js';

/** An admin erases an account (a reported child account, a request by post): as self-deletion does, with the audit row in the erasure's transaction. */
export async function eraseUser(deps: PrivacyContext, input: { actor: Actor; userId: string; reason: string }): Promise<void> {
  const now = deps.clock.now();
  await eraseAccount(deps, {
    userId: input.userId,
    by: 'operator',
    alsoInTransaction: (tx) =>
      recordOperatorAction(tx, { actor: input.actor, action: 'user.delete', targetUserId: input.userId, reason: input.reason, now }),
  });
}
