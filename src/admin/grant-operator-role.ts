import { setOperatorRole } from '../accounts/index.js';
import { recordOperatorAction } from '../audit/index.js';
import type { AccountRole } from '../contracts/operators.js';
import type { Db } from '../db/index.js';

/**
 * `animegen admin grant EMAIL --role …` / `admin revoke EMAIL`, run by whoever
 * holds the server: the role changes and the audit log says so, together.
 * Returns false when no live account has that address.
 */
export async function grantOperatorRole(db: Db, input: { email: string; role: AccountRole; now: Date }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const changed = await setOperatorRole(tx, input);
    if (!changed) return false;
    await recordOperatorAction(tx, {
      actor: { id: null, role: 'cli' },
      action: input.role === 'user' ? 'role.revoke' : 'role.grant',
      targetUserId: changed.id,
      detail: { from: changed.from, to: input.role },
      now: input.now,
    });
    return true;
  });
}
