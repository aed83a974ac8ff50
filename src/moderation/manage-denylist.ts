import { asc, eq } from 'drizzle-orm';
import type { DenylistTerm } from '../contracts/admin.js';
import type { Db } from '../db/index.js';
import { AppError, notFound } from '../lib/errors.js';
import { newId } from '../lib/ids.js';
import { moderationDenylist } from './moderation.schema.js';
import { normalizePrompt } from './normalize-prompt.js';

const toView = (r: typeof moderationDenylist.$inferSelect): DenylistTerm => ({
  id: r.id,
  term: r.term,
  createdAt: r.createdAt.toISOString(),
});

/** The operators' denylist for the console, oldest first. */
export async function adminListDenylist(db: Db): Promise<DenylistTerm[]> {
  return (await db.select().from(moderationDenylist).orderBy(asc(moderationDenylist.createdAt))).map(toView);
}

/**
 * Adds a term in the caller's transaction (with its audit row). Stored as the
 * policy reads prompts (normalised), so "Ｆｏｏ" and "foo" are one term; a
 * term already on the list is a conflict. Every server reads it within 10 s.
 */
export async function addDenylistTerm(tx: Db, input: { term: string; now: Date }): Promise<DenylistTerm> {
  const term = normalizePrompt(input.term).trim();
  if (term.length < 2) throw new AppError('invalid_input', 'The term is too short once normalised.', { field: 'term' });
  const [row] = await tx.insert(moderationDenylist).values({ id: newId(), term, createdAt: input.now }).onConflictDoNothing().returning();
  if (!row) throw new AppError('conflict', 'That term is already on the list.', { field: 'term' });
  return toView(row);
}

/** Removes a term in the caller's transaction; returns it (for the audit row) or throws not_found. */
export async function removeDenylistTerm(tx: Db, input: { id: string }): Promise<DenylistTerm> {
  const [row] = await tx.delete(moderationDenylist).where(eq(moderationDenylist.id, input.id)).returning();
  if (!row) throw notFound('That term');
  return toView(row);
}
