import type { Db } from '../db/index.js';
import { findOpenGenerationIds } from './generation.queries.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Of these references (ledger entries name their generation), the ones that
 * are the user's generations and can still be opened: not trashed, deleted
 * or erased. Anything that is not a generation id is simply absent.
 */
export async function openGenerationIds(db: Db, input: { userId: string; ids: string[] }): Promise<Set<string>> {
  return findOpenGenerationIds(db, input.userId, [...new Set(input.ids.filter((id) => UUID.test(id)))]);
}
