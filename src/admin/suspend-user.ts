import { revokeAllSessions, suspendAccount, unsuspendAccount } from '../accounts/index.js';
import { type Actor, recordOperatorAction } from '../audit/index.js';
import type { Db } from '../db/index.js';

interface Decision {
  actor: Actor;
  userId: string;
  reason: string;
  now: Date;
}

/** Suspends an account with the operator's reason: sessions end, sign-in is refused; audited in the same transaction. */
export async function suspendUser(db: Db, d: Decision): Promise<void> {
  await db.transaction(async (tx) => {
    const changed = await suspendAccount(tx, { userId: d.userId, reason: d.reason, now: d.now });
    if (changed)
      await recordOperatorAction(tx, { actor: d.actor, action: 'user.suspend', targetUserId: d.userId, reason: d.reason, now: d.now });
  });
}

/** Lifts a suspension after review; audited in the same transaction. */
export async function unsuspendUser(db: Db, d: Decision): Promise<void> {
  await db.transaction(async (tx) => {
    const changed = await unsuspendAccount(tx, { userId: d.userId, now: d.now });
    if (changed)
      await recordOperatorAction(tx, { actor: d.actor, action: 'user.unsuspend', targetUserId: d.userId, reason: d.reason, now: d.now });
  });
}

/** Signs the account out everywhere (a stolen session, a shared device); audited with how many ended. */
export async function revokeUserSessions(db: Db, d: Decision): Promise<number> {
  return db.transaction(async (tx) => {
    const ended = await revokeAllSessions(tx, d.userId);
    await recordOperatorAction(tx, {
      actor: d.actor,
      action: 'user.sessions_revoke',
      targetUserId: d.userId,
      reason: d.reason,
      detail: { ended },
      now: d.now,
    });
    return ended;
  });
}
