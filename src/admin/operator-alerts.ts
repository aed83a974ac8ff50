import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { OperatorAlert } from '../contracts/admin.js';
import type { Db } from '../db/index.js';
import { tables } from '../db/index.js';
import { notFound } from '../lib/errors.js';
import { newId } from '../lib/ids.js';

const t = tables.operatorAlerts;

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
    .insert(t)
    .values({ id: newId(), kind: input.kind, source: input.source, code: input.code, firstAt: input.now, lastAt: input.now })
    .onConflictDoUpdate({
      target: [t.kind, t.source, t.code],
      targetWhere: isNull(t.resolvedAt),
      set: { occurrences: sql`${t.occurrences} + 1`, lastAt: input.now },
    });
}

/** The open alerts, most recent first. */
export async function listOpenAlerts(db: Db): Promise<OperatorAlert[]> {
  const rows = await db.select().from(t).where(isNull(t.resolvedAt)).orderBy(desc(t.lastAt));
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
    .update(t)
    .set({ resolvedAt: input.now })
    .where(and(eq(t.id, input.alertId), isNull(t.resolvedAt)))
    .returning({ id: t.id });
  if (done.length === 0) throw notFound('That alert');
}
