import { type Actor, recordOperatorAction } from '../audit/index.js';
import type { DenylistTerm } from '../contracts/admin.js';
import type { Db } from '../db/index.js';
import { addDenylistTerm, removeDenylistTerm } from '../moderation/index.js';

/** An operator refuses a term on this server; audited with the term. */
export async function addDenylistEntry(db: Db, input: { actor: Actor; term: string; reason?: string; now: Date }): Promise<DenylistTerm> {
  return db.transaction(async (tx) => {
    const added = await addDenylistTerm(tx, input);
    await recordOperatorAction(tx, {
      actor: input.actor,
      action: 'denylist.add',
      targetId: added.id,
      reason: input.reason ?? null,
      detail: { term: added.term },
      now: input.now,
    });
    return added;
  });
}

/** An operator takes a term off the list; audited with the term. */
export async function removeDenylistEntry(db: Db, input: { actor: Actor; id: string; now: Date }): Promise<void> {
  await db.transaction(async (tx) => {
    const removed = await removeDenylistTerm(tx, { id: input.id });
    await recordOperatorAction(tx, {
      actor: input.actor,
      action: 'denylist.remove',
      targetId: removed.id,
      detail: { term: removed.term },
      now: input.now,
    });
  });
}
