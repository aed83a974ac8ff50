import { desc, eq } from 'drizzle-orm';
import type { SupportRequest } from '../contracts/support.js';
import type { Db } from '../db/index.js';
import { toRequestView } from './support.queries.js';
import { supportRequests } from './support.schema.js';

/** The user's own requests, the most recently active first (at most 100). */
export async function listMySupportRequests(deps: { db: Db }, input: { userId: string }): Promise<SupportRequest[]> {
  const rows = await deps.db
    .select()
    .from(supportRequests)
    .where(eq(supportRequests.userId, input.userId))
    .orderBy(desc(supportRequests.updatedAt), desc(supportRequests.id))
    .limit(100);
  return rows.map((r) => toRequestView(r));
}
