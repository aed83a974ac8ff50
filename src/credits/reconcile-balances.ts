import type { Db } from '../db/index.js';
import { unsafeFindBalanceMismatches } from './credits.queries.js';

/**
 * Recomputes every balance from the ledger and reports the users whose stored
 * balance disagrees (it never repairs: a mismatch is a bug to investigate).
 */
export async function reconcileBalances(deps: { db: Db }) {
  return unsafeFindBalanceMismatches(deps.db);
}
