import { and, desc, eq, sql } from 'drizzle-orm';
import type { HistoryEntry } from '../contracts/prompts.js';
import { MAX_HISTORY } from '../contracts/prompts.js';
import type { Db } from '../db/index.js';
import { promptHistory } from './prompts.schema.js';

/** `%`, `_` and the escape character itself match literally in a LIKE pattern after this. */
export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The user's recent prompts, newest first; with `q`, only those containing
 * it (case-insensitive, taken literally: `%` and `_` are not wildcards).
 */
export async function listPromptHistory(deps: { db: Db }, input: { userId: string; q?: string }): Promise<HistoryEntry[]> {
  const q = input.q?.trim();
  const rows = await deps.db
    .select({ id: promptHistory.id, prompt: promptHistory.prompt, usedAt: promptHistory.usedAt })
    .from(promptHistory)
    .where(
      and(eq(promptHistory.userId, input.userId), q ? sql`${promptHistory.prompt} ilike ${`%${escapeLike(q)}%`} escape '\\'` : undefined),
    )
    .orderBy(desc(promptHistory.usedAt), desc(promptHistory.id))
    .limit(MAX_HISTORY);
  return rows.map((r) => ({ id: r.id, prompt: r.prompt, usedAt: r.usedAt.toISOString() }));
}
