import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { generations } from './generation.schema.js';

/**
 * The prompts of the user's most recent generations (not trashed), newest
 * first; the tags module counts the tags in them to rank its suggestions.
 * Read only; served by the (user_id, created_at) index.
 */
export async function listRecentPrompts(db: Db, input: { userId: string; limit: number }): Promise<string[]> {
  const rows = await db
    .select({ prompt: generations.prompt })
    .from(generations)
    .where(and(eq(generations.userId, input.userId), isNull(generations.deletedAt)))
    .orderBy(desc(generations.createdAt))
    .limit(input.limit);
  return rows.map((r) => r.prompt);
}
