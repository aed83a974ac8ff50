import { and, inArray, lt } from 'drizzle-orm';
import { purgeExpiredAccountRecords } from '../accounts/index.js';
import { purgeProcessedEvents } from '../billing/index.js';
import { emptyExpiredTrash, type GenerationContext, purgeIdempotencyKeys } from '../generation/index.js';
import type { PrivacyContext } from './context.js';
import { purgeErasedAccounts } from './owners.js';
import { dataExports, privacyRequests } from './privacy.schema.js';

const DAY = 86_400_000;

/**
 * The daily `privacy.retention` job: deletes everything whose time is up, so
 * the retention promises in docs/data-inventory.md hold. Each module purges
 * its own tables; each step is idempotent; the counts go to the log.
 */
export async function runRetention(
  deps: Pick<PrivacyContext, 'db' | 'storage' | 'clock' | 'log' | 'settings'> & {
    generation: Pick<GenerationContext, 'db' | 'storage' | 'clock' | 'settings'>;
  },
) {
  const { db } = deps;
  const now = deps.clock.now();
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const exports = await db.delete(dataExports).where(lt(dataExports.expiresAt, now)).returning({ key: dataExports.storageKey });
  await deps.storage.delete(exports.flatMap((e) => (e.key ? [e.key] : [])));
  const requests = await db
    .delete(privacyRequests)
    .where(and(inArray(privacyRequests.status, ['done', 'rejected']), lt(privacyRequests.updatedAt, ago(3 * 365))))
    .returning({ id: privacyRequests.id });
  const counts = {
    trash: await emptyExpiredTrash(deps.generation),
    exports: exports.length,
    ...(await purgeExpiredAccountRecords(db, {
      now,
      addressesBefore: ago(deps.settings.logDays),
      grantsBefore: ago(deps.settings.ledgerDays),
    })),
    idempotencyKeys: await purgeIdempotencyKeys(db, ago(1)),
    stripeEvents: await purgeProcessedEvents(db, ago(30)),
    privacyRequests: requests.length,
    erasedAccounts: await purgeErasedAccounts(db, ago(deps.settings.ledgerDays), 500),
  };
  deps.log.info({ counts }, 'retention run');
  return counts;
}
