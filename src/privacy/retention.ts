import { and, eq, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import { tables } from '../db/index.js';
import { emptyExpiredTrash, type GenerationContext } from '../generation/index.js';
import type { PrivacyContext } from './context.js';

const t = tables;
const DAY = 86_400_000;

/**
 * The daily `privacy.retention` job: deletes everything whose time is up, so
 * the retention promises in docs/data-inventory.md hold. Each step is
 * idempotent; the counts go to the log.
 */
export async function runRetention(
  deps: Pick<PrivacyContext, 'db' | 'storage' | 'clock' | 'log' | 'settings'> & {
    generation: Pick<GenerationContext, 'db' | 'storage' | 'clock' | 'settings'>;
  },
) {
  const now = deps.clock.now();
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const counts: Record<string, number> = {};
  const count = (name: string, rows: unknown[]) => {
    counts[name] = rows.length;
  };

  counts.trash = await emptyExpiredTrash(deps.generation);
  const exports = await deps.db.delete(t.dataExports).where(lt(t.dataExports.expiresAt, now)).returning({ key: t.dataExports.storageKey });
  await deps.storage.delete(exports.flatMap((e) => (e.key ? [e.key] : [])));
  count('exports', exports);
  count('sessions', await deps.db.delete(t.session).where(lt(t.session.expiresAt, now)).returning({ id: t.session.id }));
  count(
    'sessionAddresses',
    await deps.db
      .update(t.session)
      .set({ ipAddress: null, userAgent: null })
      .where(and(lt(t.session.createdAt, ago(deps.settings.logDays)), isNotNull(t.session.ipAddress)))
      .returning({ id: t.session.id }),
  );
  count(
    'verifications',
    await deps.db.delete(t.verification).where(lt(t.verification.expiresAt, now)).returning({ id: t.verification.id }),
  );
  count(
    'idempotencyKeys',
    await deps.db
      .delete(t.idempotencyKeys)
      .where(lt(t.idempotencyKeys.createdAt, ago(1)))
      .returning({ key: t.idempotencyKeys.key }),
  );
  count(
    'stripeEvents',
    await deps.db
      .delete(t.stripeEvents)
      .where(lt(t.stripeEvents.processedAt, ago(30)))
      .returning({ id: t.stripeEvents.id }),
  );
  count(
    'rateLimits',
    await deps.db
      .delete(t.rateLimit)
      .where(lt(t.rateLimit.lastRequest, now.getTime() - DAY))
      .returning({ id: t.rateLimit.id }),
  );
  count(
    'privacyRequests',
    await deps.db
      .delete(t.privacyRequests)
      .where(and(inArray(t.privacyRequests.status, ['done', 'rejected']), lt(t.privacyRequests.updatedAt, ago(3 * 365))))
      .returning({ id: t.privacyRequests.id }),
  );
  count(
    'operatorAlerts',
    await deps.db
      .delete(t.operatorAlerts)
      .where(lt(t.operatorAlerts.resolvedAt, ago(90)))
      .returning({ id: t.operatorAlerts.id }),
  );
  counts.erasedAccounts = await purgeErasedAccounts(deps, ago(deps.settings.ledgerDays));
  deps.log.info({ counts }, 'retention run');
  return counts;
}

/**
 * Accounts deleted before `before`: their pseudonymous ledger and purchase
 * records have served the legal period. The ledger's append-only trigger lets
 * this transaction (and only it) delete them.
 */
async function purgeErasedAccounts(deps: Pick<PrivacyContext, 'db'>, before: Date): Promise<number> {
  const gone = await deps.db.select({ id: t.user.id }).from(t.user).where(lt(t.user.deletedAt, before)).limit(500);
  for (const { id } of gone) {
    await deps.db.transaction(async (tx) => {
      await tx.execute(sql`set local animegen.retention_purge = 'on'`);
      await tx.delete(t.creditEntries).where(eq(t.creditEntries.userId, id));
      await tx.delete(t.creditBalances).where(eq(t.creditBalances.userId, id));
      await tx.delete(t.purchases).where(eq(t.purchases.userId, id));
      await tx.delete(t.accountReviewFlags).where(eq(t.accountReviewFlags.userId, id));
      await tx.delete(t.user).where(eq(t.user.id, id));
    });
  }
  return gone.length;
}
