import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { storageKeys } from '../storage/index.js';
import { buildExportArchive } from './build-export.js';
import type { PrivacyContext } from './context.js';
import { dataExports } from './privacy.schema.js';

/**
 * The `privacy.export` job: builds the archive, stores it, and marks the
 * export ready for `exportDays`. Progress is written as files are read, so the
 * Settings page can show it. The archive is built in a file under the
 * scratch folder, handed to storage, then removed; a re-run after a crash
 * simply builds it again over the same file.
 */
export async function runExport(deps: Pick<PrivacyContext, 'db' | 'storage' | 'clock' | 'log' | 'settings'>, input: { exportId: string }) {
  const [row] = await deps.db.select().from(dataExports).where(eq(dataExports.id, input.exportId));
  if (!row || row.status === 'ready') return;
  await deps.db.update(dataExports).set({ status: 'running', progress: 0 }).where(eq(dataExports.id, row.id));
  const path = join(deps.settings.scratchDir, `export-${row.id}.zip`);
  try {
    let last = 0;
    await mkdir(deps.settings.scratchDir, { recursive: true });
    const bytes = await buildExportArchive(deps, {
      userId: row.userId,
      now: deps.clock.now(),
      path,
      onProgress: async (percent) => {
        if (percent - last < 5) return;
        last = percent;
        await deps.db.update(dataExports).set({ progress: percent }).where(eq(dataExports.id, row.id));
      },
    });
    const key = storageKeys.exportArchive(row.userId, row.id);
    await deps.storage.putFile(key, path, 'application/zip');
    // Gone before the export says ready, so nothing is left behind once anyone can see it is done.
    await rm(path, { force: true });
    const now = deps.clock.now();
    await deps.db
      .update(dataExports)
      .set({
        status: 'ready',
        progress: 100,
        storageKey: key,
        bytes,
        completedAt: now,
        expiresAt: new Date(now.getTime() + deps.settings.exportDays * 86_400_000),
      })
      .where(and(eq(dataExports.id, row.id), eq(dataExports.userId, row.userId)));
  } catch (err) {
    deps.log.error({ err, exportId: row.id }, 'export failed');
    await deps.db
      .update(dataExports)
      .set({ status: 'failed', error: 'The export could not be built. Please try again.' })
      .where(eq(dataExports.id, row.id));
  } finally {
    await rm(path, { force: true });
  }
}
