import { asc } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { moderationDenylist } from './moderation.schema.js';

/** The operators' terms, oldest first. */
export async function listDenylistTerms(db: Db): Promise<string[]> {
  const rows = await db.select({ term: moderationDenylist.term }).from(moderationDenylist).orderBy(asc(moderationDenylist.createdAt));
  return rows.map((r) => r.term);
}
