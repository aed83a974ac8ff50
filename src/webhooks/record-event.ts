import { type SQL, sql } from 'drizzle-orm';
import type { WebhookEventType } from '../contracts/webhooks.js';
import { type Db, queryRows } from '../db/index.js';
import type { WebhooksContext } from './context.js';
import { deliveryJobShape } from './delivery-job.js';
import { ATTEMPT_LEASE_MS } from './retry-schedule.js';

/** Endpoints that take `type` now: the user's, not disabled, subscribed to it (as `e`). */
const listening = (userId: string, type: WebhookEventType) =>
  sql`e.user_id = ${userId} and e.disabled_at is null and ${type} = any(e.events)`;

/**
 * Whether any of the user's endpoints takes `type` now. A hint for a caller
 * whose write is one statement without a transaction when nobody listens;
 * recordWebhookEvent checks again in the transaction.
 */
export async function isListening(db: Db, userId: string, type: WebhookEventType): Promise<boolean> {
  const rows = await queryRows(db, sql`select 1 from webhook_endpoints e where ${listening(userId, type)} limit 1`);
  return rows.length > 0;
}

/**
 * Records an event in the caller's transaction: one delivery per endpoint
 * that takes it, each with its webhook.deliver job, so the event exists iff
 * the state change that caused it commits. `data` is read only when an
 * endpoint listens (through the same transaction, so it sees the change).
 * Returns how many deliveries were recorded.
 */
export async function recordWebhookEvent(
  deps: Pick<WebhooksContext, 'clock' | 'queue'>,
  tx: Db,
  event: { userId: string; type: WebhookEventType; data: () => Promise<unknown> },
): Promise<number> {
  if (!(await isListening(tx, event.userId, event.type))) return 0;
  const now = deps.clock.now();
  const body = JSON.stringify({ type: event.type, timestamp: now.toISOString(), data: await event.data() });
  const [row] = await queryRows<{ n: number }>(
    tx,
    sql`with ${deliveryClauses(deps, { name: 'delivered', userId: event.userId, type: event.type, body: sql`${body}::text`, now })}
        select count(*)::int as n from delivered`,
  );
  return Number(row?.n ?? 0);
}

/**
 * credits.low as CTE clauses for the submit's one statement, after the
 * credits module's debit clauses (it reads their `debited`, the new balance):
 * when this debit took the balance from at least the threshold to below it,
 * one delivery (and its job) per endpoint that takes credits.low. A crossing
 * fires once: the next debit starts below the line. Threshold 0: never.
 */
export function creditsLowClauses(
  deps: Pick<WebhooksContext, 'queue' | 'settings'>,
  input: { userId: string; amount: number; now: Date },
): SQL {
  const threshold = deps.settings.creditsLowThreshold;
  const body = sql`json_build_object('type', 'credits.low', 'timestamp', ${input.now.toISOString()}::text,
                     'data', json_build_object('balance', debited.balance, 'threshold', ${threshold}::int))::text`;
  return deliveryClauses(deps, {
    name: 'credits_low',
    userId: input.userId,
    type: 'credits.low',
    body,
    now: input.now,
    from: sql`, debited`,
    when: sql`and debited.balance < ${threshold}::int and debited.balance + ${input.amount}::int >= ${threshold}::int`,
  });
}

/**
 * Clause `name` (one row per new delivery) and `name_jobs` (their jobs). `from`
 * and `when` join and test what decides whether the event happened.
 */
function deliveryClauses(
  deps: Pick<WebhooksContext, 'queue'>,
  p: { name: string; userId: string; type: WebhookEventType; body: SQL; now: Date; from?: SQL; when?: SQL },
): SQL {
  const lease = new Date(p.now.getTime() + ATTEMPT_LEASE_MS).toISOString();
  const name = sql.identifier(p.name);
  return sql`
    ${name} as (
      insert into webhook_deliveries (id, endpoint_id, user_id, event_type, body, status, attempts, next_attempt_at, created_at)
      select gen_random_uuid()::text, e.id, e.user_id, ${p.type}, ${p.body}, 'pending', 0, ${lease}::timestamptz, ${p.now.toISOString()}::timestamptz
      from webhook_endpoints e ${p.from ?? sql``}
      where ${listening(p.userId, p.type)} ${p.when ?? sql``}
      returning id
    ),
    ${sql.identifier(`${p.name}_jobs`)} as (${deps.queue.insertSql(deliveryJobShape, sql`jsonb_build_object('deliveryId', ${name}.id, 'manual', false)`, sql`${name}`)})`;
}
