import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import {
  API_KEY_PREFIX,
  type CreateApiKeyInput,
  type CreatedApiKey,
  createApiKeySchema,
  MAX_API_KEY_DAYS,
  MAX_API_KEYS,
} from '../contracts/api-keys.js';
import { type Db, queryRows } from '../db/index.js';
import type { Clock } from '../lib/clock.js';
import { AppError } from '../lib/errors.js';
import { newId } from '../lib/ids.js';
import { toApiKeyView } from './api-key-view.js';

const DAY_MS = 86_400_000;

/** The hash a key is stored and found under. */
export const hashApiKey = (key: string): string => createHash('sha256').update(key).digest('hex');

/**
 * Makes a key for the user and answers it once: `ag_` and 32 random bytes
 * (base64url). One statement inserts only while the user holds fewer than
 * MAX_API_KEYS. Throws invalid_input (an expiry in the past or too far ahead)
 * or limit_reached.
 */
export async function createApiKey(
  deps: { db: Db; clock: Clock },
  input: { userId: string; key: CreateApiKeyInput },
): Promise<CreatedApiKey> {
  const { name, scopes, expiresAt: expiry } = createApiKeySchema.parse(input.key);
  const now = deps.clock.now();
  const expiresAt = expiry ? new Date(expiry) : null;
  if (expiresAt && expiresAt.getTime() <= now.getTime()) {
    throw new AppError('invalid_input', 'The expiry date must be in the future.', { field: 'expiresAt' });
  }
  if (expiresAt && expiresAt.getTime() - now.getTime() > MAX_API_KEY_DAYS * DAY_MS) {
    throw new AppError('invalid_input', `A key can live at most ${MAX_API_KEY_DAYS} days.`, { field: 'expiresAt' });
  }
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  const row = { id: newId(), name, start: key.slice(0, API_KEY_PREFIX.length + 8), scopes, expiresAt, lastUsedAt: null, createdAt: now };
  const [inserted] = await queryRows<{ id: string }>(
    deps.db,
    sql`
      insert into api_keys (id, user_id, name, key_hash, start, scopes, expires_at, created_at)
      select ${row.id}, ${input.userId}, ${name}, ${hashApiKey(key)}, ${row.start}, ${sql.raw(scopeArray(scopes))},
        ${expiresAt?.toISOString() ?? null}, ${now.toISOString()}
      where (select count(*) from api_keys where user_id = ${input.userId}) < ${MAX_API_KEYS}
      returning id`,
  );
  if (!inserted) throw new AppError('limit_reached', `You can hold at most ${MAX_API_KEYS} API keys. Revoke one first.`);
  return { ...toApiKeyView(row), key };
}

/** A text[] literal of scopes already checked against the closed list (so safe to inline). */
const scopeArray = (scopes: readonly string[]) => `array[${scopes.map((s) => `'${s}'`).join(',')}]::text[]`;
