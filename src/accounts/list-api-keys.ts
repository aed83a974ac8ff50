import { asc, eq } from 'drizzle-orm';
import type { ApiKey } from '../contracts/api-keys.js';
import type { Db } from '../db/index.js';
import { apiKeys } from './accounts.schema.js';
import { apiKeyColumns, toApiKeyView } from './api-key-view.js';

/** The user's keys, oldest first, expired ones included (their expiry shows why they stopped). */
export async function listApiKeys(deps: { db: Db }, input: { userId: string }): Promise<ApiKey[]> {
  const rows = await deps.db.select(apiKeyColumns).from(apiKeys).where(eq(apiKeys.userId, input.userId)).orderBy(asc(apiKeys.createdAt));
  return rows.map(toApiKeyView);
}
