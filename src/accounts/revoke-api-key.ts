import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { notFound } from '../lib/errors.js';
import { apiKeys } from './accounts.schema.js';

/** Revokes one of the user's keys: the next request with it is refused. Throws not_found for anyone else's. */
export async function revokeApiKey(deps: { db: Db }, input: { userId: string; keyId: string }): Promise<void> {
  const gone = await deps.db
    .delete(apiKeys)
    .where(and(eq(apiKeys.id, input.keyId), eq(apiKeys.userId, input.userId)))
    .returning({ id: apiKeys.id });
  if (gone.length === 0) throw notFound('That API key');
}
