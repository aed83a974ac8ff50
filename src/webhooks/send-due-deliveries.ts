import { sql } from 'drizzle-orm';
import { queryRows } from '../db/index.js';
import type { WebhooksContext } from './context.js';
import { deliveryJobShape } from './delivery-job.js';
import { ATTEMPT_LEASE_MS, DELIVERY_LOG_DAYS } from './retry-schedule.js';

/** Deliveries queued per sweep; the rest wait for the next minute. */
const BATCH = 500;

/**
 * The retry sweeper (webhook.retry, every minute): queues one attempt for each
 * pending delivery whose time has come by the app's clock (a scheduled retry,
 * or a queued attempt that never reported back), holding it for
 * ATTEMPT_LEASE_MS, in one statement with its jobs. Then deletes deliveries
 * older than DELIVERY_LOG_DAYS. Returns how many attempts it queued.
 */
export async function sendDueDeliveries(deps: Pick<WebhooksContext, 'db' | 'clock' | 'queue'>): Promise<number> {
  const now = deps.clock.now();
  const lease = new Date(now.getTime() + ATTEMPT_LEASE_MS).toISOString();
  const [row] = await queryRows<{ n: number }>(
    deps.db,
    sql`
    with due as (
      select id from webhook_deliveries
      where status = 'pending' and next_attempt_at <= ${now.toISOString()}::timestamptz
      order by next_attempt_at limit ${BATCH}
      for update skip locked
    ),
    claimed as (
      update webhook_deliveries d set next_attempt_at = ${lease}::timestamptz from due where d.id = due.id returning d.id
    ),
    jobs as (${deps.queue.insertSql(deliveryJobShape, sql`jsonb_build_object('deliveryId', claimed.id, 'manual', false)`, sql`claimed`)})
    select count(*)::int as n from jobs`,
  );
  const queued = Number(row?.n ?? 0);
  if (queued > 0) deps.queue.wake(deliveryJobShape);
  const cutoff = new Date(now.getTime() - DELIVERY_LOG_DAYS * 86_400_000).toISOString();
  await deps.db.execute(
    sql`delete from webhook_deliveries where id in (
          select id from webhook_deliveries where created_at < ${cutoff}::timestamptz order by created_at limit ${BATCH * 4})`,
  );
  return queued;
}
