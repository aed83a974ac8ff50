import { and, desc, eq, gt, ne } from 'drizzle-orm';
import type { DataExport } from '../contracts/privacy.js';
import { AppError, notFound } from '../lib/errors.js';
import { newId } from '../lib/ids.js';
import type { PrivacyContext } from './context.js';
import { exportJob } from './jobs.js';
import { dataExports } from './privacy.schema.js';

type ExportRow = typeof dataExports.$inferSelect;

export function toExportView(row: ExportRow, now: Date): DataExport {
  const live = row.status === 'ready' && row.expiresAt !== null && row.expiresAt > now;
  return {
    id: row.id,
    status: row.status as DataExport['status'],
    progress: row.progress,
    downloadUrl: live ? `/api/me/exports/${row.id}/download` : null,
    bytes: row.bytes,
    createdAt: row.createdAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
  };
}

/**
 * Starts an export of everything we hold about the user (at most one an hour:
 * archives are heavy). The row and its job commit together.
 */
export async function requestExport(deps: Pick<PrivacyContext, 'db' | 'queue' | 'clock'>, input: { userId: string }): Promise<DataExport> {
  const now = deps.clock.now();
  const hourAgo = new Date(now.getTime() - 3_600_000);
  const row = await deps.db.transaction(async (tx) => {
    const recent = await tx
      .select({ id: dataExports.id })
      .from(dataExports)
      .where(and(eq(dataExports.userId, input.userId), gt(dataExports.createdAt, hourAgo), ne(dataExports.status, 'failed')));
    if (recent.length > 0) throw new AppError('rate_limited', 'You can request one export per hour. Your last one is listed below.');
    const [inserted] = await tx
      .insert(dataExports)
      .values({ id: newId(), userId: input.userId, status: 'queued', createdAt: now })
      .returning();
    await deps.queue.send(tx, exportJob, { exportId: inserted!.id });
    return inserted!;
  });
  return toExportView(row, now);
}

export async function listExports(deps: Pick<PrivacyContext, 'db' | 'clock'>, input: { userId: string }): Promise<DataExport[]> {
  const rows = await deps.db
    .select()
    .from(dataExports)
    .where(eq(dataExports.userId, input.userId))
    .orderBy(desc(dataExports.createdAt))
    .limit(20);
  return rows.map((r) => toExportView(r, deps.clock.now()));
}

/** One of the user's exports. Throws not_found for anyone else's. */
export async function getExportOrThrow(deps: Pick<PrivacyContext, 'db'>, input: { userId: string; exportId: string }): Promise<ExportRow> {
  const [row] = await deps.db
    .select()
    .from(dataExports)
    .where(and(eq(dataExports.id, input.exportId), eq(dataExports.userId, input.userId)));
  if (!row) throw notFound('That export');
  return row;
}

/** The archive's storage key if it can still be downloaded; throws not_found otherwise. */
export async function exportDownloadKey(
  deps: Pick<PrivacyContext, 'db' | 'clock'>,
  input: { userId: string; exportId: string },
): Promise<string> {
  const row = await getExportOrThrow(deps, input);
  if (row.status !== 'ready' || !row.storageKey || !row.expiresAt || row.expiresAt <= deps.clock.now()) throw notFound('That export');
  return row.storageKey;
}
