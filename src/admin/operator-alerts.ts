import { and, desc, eq, isNull, lt, sql } from 'drizzle-orm';
import type { OperatorAlert } from '../contracts/admin.js';
import type { Db } from '../db/index.js';
import { notFound } from '../lib/errors.js';
import { newId } from '../lib/ids.js';
import { operatorAlerts } from './admin.schema.js';

/**
 * Raises an alert, or counts one more occurrence of the same open one (one
 * statement: concurrent workers hitting the same empty provider account end
 * up with one banner, not one per failed generation).
 */
export async function raiseOperatorAlert(
  db: Db,
  input: { kind: OperatorAlert['kind']; source: string; code: string; now: Date },
): Promise<void> {
  await db
    .insert(operatorAlerts)
    .values({ id: newId(), kind: input.kind, source: input.source, code: input.code, firstAt: input.now, lastAt: input.now })
    .onConflictDoUpdate({
      target: [operatorAlerts.kind, operatorAlerts.source, operatorAlerts.code],
      targetWhere: isNull(operatorAlerts.resolvedAt),
      set: { occurrences: sql`${operatorAlerts.occurrences} + 1`, lastAt: input.now },
    });
}

/** The open alerts, most recent first. */
export async function listOpenAlerts(db: Db): Promise<OperatorAlert[]> {
  const rows = await db.select().from(operatorAlerts).where(isNull(operatorAlerts.resolvedAt)).orderBy(desc(operatorAlerts.lastAt));
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as OperatorAlert['kind'],
    source: r.source,
    code: r.code,
    occurrences: r.occurrences,
    firstAt: r.firstAt.toISOString(),
    lastAt: r.lastAt.toISOString(),
  }));
}

/** The operator fixed it: the banner goes; a new failure raises a fresh alert. Throws not_found. */
export async function resolveAlert(db: Db, input: { alertId: string; now: Date }): Promise<void> {
  const done = await db
    .update(operatorAlerts)
    .set({ resolvedAt: input.now })
    .where(and(eq(operatorAlerts.id, input.alertId), isNull(operatorAlerts.resolvedAt)))
    .returning({ id: operatorAlerts.id });
  if (done.length === 0) throw notFound('That alert');
}

/** Resolved alerts are history an operator may look back on for 90 days, then they go. Returns how many. */
export async function purgeResolvedAlerts(db: Db, before: Date): Promise<number> {
  const gone = await db.delete(operatorAlerts).where(lt(operatorAlerts.resolvedAt, before)).returning({ id: operatorAlerts.id });
  return gone.length;
}
