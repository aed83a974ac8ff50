import { asc, desc, eq, sql } from 'drizzle-orm';
import type { SupportRequest, SupportStatus } from '../contracts/support.js';
import type { Db } from '../db/index.js';
import { toRequestView } from './support.queries.js';
import { supportRequests } from './support.schema.js';

/**
 * The operators' inbox across every account (no owner filter: the name says
 * so), optionally one status only: the longest-waiting first, then the rest
 * by latest activity (at most 200).
 */
export async function adminListSupportRequests(deps: { db: Db }, input: { status?: SupportStatus }): Promise<SupportRequest[]> {
  const rows = await deps.db
    .select()
    .from(supportRequests)
    .where(input.status ? eq(supportRequests.status, input.status) : undefined)
    .orderBy(sql`${supportRequests.waitingSince} asc nulls last`, desc(supportRequests.updatedAt), asc(supportRequests.id))
    .limit(200);
  return rows.map((r) => toRequestView(r, { operator: true }));
}
