import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/helpers/db.js';
import type { Database } from './client.js';
import { queryRows } from './rows.js';

/**
 * Only the accounts module's schema mentions "user"; the other modules' keys
 * to it live in the migrations. This pins every one with its ON DELETE rule:
 * the ledger and purchases must outlive an account (restrict, the retention
 * job deletes them first), privacy requests and sign-up grants lose their link, the rest goes
 * with the account.
 */
describe('foreign keys to the account', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database?.close());

  it('exist for every table that names a user, with the rule each needs', async () => {
    const rows = await queryRows<{ key: string }>(
      database.db,
      sql`
        select tc.table_name || '.' || kcu.column_name || ' ' || rc.delete_rule as key
        from information_schema.table_constraints tc
        join information_schema.key_column_usage kcu on kcu.constraint_name = tc.constraint_name
        join information_schema.referential_constraints rc on rc.constraint_name = tc.constraint_name
        join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name
        where tc.constraint_type = 'FOREIGN KEY' and ccu.table_name = 'user'
        order by 1`,
    );
    expect(rows.map((r) => r.key)).toEqual([
      'account.user_id CASCADE',
      'account_review_flags.user_id RESTRICT',
      'albums.user_id CASCADE',
      'api_keys.user_id CASCADE',
      'credit_balances.user_id CASCADE',
      'credit_entries.user_id RESTRICT',
      'data_exports.user_id CASCADE',
      'generation_images.user_id CASCADE',
      'generations.user_id CASCADE',
      'idempotency_keys.user_id CASCADE',
      'moderation_cases.user_id CASCADE',
      'passkey.user_id CASCADE',
      'policy_acknowledgements.user_id CASCADE',
      'privacy_requests.user_id SET NULL',
      'prompt_history.user_id CASCADE',
      'purchases.user_id RESTRICT',
      'session.user_id CASCADE',
      'signup_grants.user_id SET NULL',
      'support_requests.user_id CASCADE',
      'two_factor.user_id CASCADE',
      'uploads.user_id CASCADE',
      'user_presets.user_id CASCADE',
      'webhook_deliveries.user_id CASCADE',
      'webhook_endpoints.user_id CASCADE',
    ]);
  });
});
