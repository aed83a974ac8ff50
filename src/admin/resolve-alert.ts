import { type Actor, recordOperatorAction } from '../audit/index.js';
import type { Db } from '../db/index.js';
import { resolveAlert } from './operator-alerts.js';

/** An admin marks a provider alert fixed; the banner goes and the audit log says who. */
export async function resolveAlertAudited(db: Db, input: { actor: Actor; alertId: string; now: Date }): Promise<void> {
  await db.transaction(async (tx) => {
    await resolveAlert(tx, input);
    await recordOperatorAction(tx, { actor: input.actor, action: 'alert.resolve', targetId: input.alertId, now: input.now });
  });
}
