import { sql } from 'drizzle-orm';
import { API_KEY_PREFIX, type ApiKeyScope } from '../contracts/api-keys.js';
import { type Db, executePrepared } from '../db/index.js';
import { hashApiKey } from './create-api-key.js';
import type { SessionUser } from './resolve-session.js';

/** The owner behind a key and what the key may do. */
export interface KeyHolder {
  user: SessionUser;
  keyId: string;
  scopes: ApiKeyScope[];
}

/** `ag_` and 43 base64url characters (32 bytes): anything else is not one of ours and costs no query. */
const KEY_SHAPE = new RegExp(`^${API_KEY_PREFIX}[A-Za-z0-9_-]{43}$`);

/**
 * Reads the key of an `Authorization: Bearer ag_…` header with one indexed
 * query: a key that exists, has not expired, and whose owner is neither
 * suspended nor erased (so a suspension stops every key at once). Marks the
 * key as used at most once a minute. Null for anything else.
 */
export function createApiKeyResolver(o: { db: Db }) {
  return async function resolveApiKey(key: string): Promise<KeyHolder | null> {
    if (!KEY_SHAPE.test(key)) return null;
    const hash = hashApiKey(key);
    const read = sql`
      with touched as (
        update api_keys set last_used_at = now()
        where key_hash = ${hash} and (last_used_at is null or last_used_at < now() - interval '1 minute')
      )
      select k.id as "keyId", k.scopes, u.id, u.email, u.name, u.role, u.embed_settings as "embedSettings",
        u.two_factor_enabled as "twoFactor", u.mature_content_at is not null as "mature",
        u.age_confirmed_at is not null as "ageConfirmed"
      from api_keys k join "user" u on u.id = k.user_id
      where k.key_hash = ${hash} and (k.expires_at is null or k.expires_at > now())
        and u.deleted_at is null and u.suspended_at is null`;
    const [row] = await executePrepared<Omit<SessionUser, 'sessionId'> & { keyId: string; scopes: ApiKeyScope[] }>(
      o.db,
      'api_key_read',
      read,
    );
    if (!row) return null;
    const { keyId, scopes, ...user } = row;
    return { user: { ...user, sessionId: null }, keyId, scopes };
  };
}

export type ApiKeyResolver = ReturnType<typeof createApiKeyResolver>;
