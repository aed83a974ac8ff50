import { and, eq, or } from 'drizzle-orm';
import { tables } from '../db/index.js';
import { purgeGeneration } from '../generation/index.js';
import { notFound } from '../lib/errors.js';
import type { PrivacyContext } from './context.js';

const t = tables;

/**
 * Erases an account: generations (with their files), uploads, exports,
 * sessions, credentials, two-factor secrets and consent records go; the user
 * row stays only as an anonymous anchor (no e-mail, no name) for the credit
 * ledger and purchase records kept for the legal period, which the retention
 * job purges later. Every session stops working at once. A receipt goes to
 * the address the account had. The e-mail address is free for a new sign-up.
 */
export async function eraseAccount(
  deps: Pick<PrivacyContext, 'db' | 'storage' | 'clock' | 'log' | 'mailer'>,
  input: { userId: string; by: 'self' | 'operator' },
): Promise<void> {
  const [account] = await deps.db.select().from(t.user).where(eq(t.user.id, input.userId));
  if (!account || account.deletedAt) throw notFound('That account');

  const generations = await deps.db.select({ id: t.generations.id }).from(t.generations).where(eq(t.generations.userId, input.userId));
  for (const g of generations) await purgeGeneration(deps, { userId: input.userId, generationId: g.id });
  const uploads = await deps.db.delete(t.uploads).where(eq(t.uploads.userId, input.userId)).returning({ key: t.uploads.storageKey });
  const exports = await deps.db
    .delete(t.dataExports)
    .where(eq(t.dataExports.userId, input.userId))
    .returning({ key: t.dataExports.storageKey });
  await deps.storage.delete([...uploads.map((u) => u.key), ...exports.flatMap((e) => (e.key ? [e.key] : []))]);

  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await tx.delete(t.session).where(eq(t.session.userId, input.userId));
    await tx.delete(t.account).where(eq(t.account.userId, input.userId));
    await tx.delete(t.twoFactor).where(eq(t.twoFactor.userId, input.userId));
    // Pending e-mail verifications and password resets (keyed by address or by user id).
    await tx.delete(t.verification).where(or(eq(t.verification.identifier, account.email), eq(t.verification.value, input.userId)));
    await tx.delete(t.policyAcknowledgements).where(eq(t.policyAcknowledgements.userId, input.userId));
    await tx.delete(t.idempotencyKeys).where(eq(t.idempotencyKeys.userId, input.userId));
    // Requests about the account are kept as the record of how they were handled, no longer linked to it.
    await tx.update(t.privacyRequests).set({ userId: null }).where(eq(t.privacyRequests.userId, input.userId));
    await tx
      .update(t.user)
      .set({
        email: `deleted-${input.userId}@deleted.invalid`,
        name: 'Deleted account',
        image: null,
        emailVerified: false,
        theme: 'system',
        locale: 'en',
        ageConfirmedAt: null,
        twoFactorEnabled: false,
        policyNotifiedVersion: null,
        role: 'user',
        deletedAt: now,
        updatedAt: now,
      })
      .where(and(eq(t.user.id, input.userId)));
  });
  deps.log.info({ by: input.by }, 'account erased');
  await deps.mailer
    .send(deletionReceipt(account.email, account.locale, now))
    .catch((err) => deps.log.warn({ err }, 'deletion receipt not sent'));
}

/**
 * The operator's form takes an account's id or its e-mail address (a report
 * from a parent names the address, not our id). Better Auth stores addresses
 * in lower case. Throws not_found.
 */
export async function findAccountId(deps: Pick<PrivacyContext, 'db'>, idOrEmail: string): Promise<string> {
  const key = idOrEmail.trim();
  const [row] = await deps.db
    .select({ id: t.user.id })
    .from(t.user)
    .where(key.includes('@') ? eq(t.user.email, key.toLowerCase()) : eq(t.user.id, key));
  if (!row) throw notFound('That account');
  return row.id;
}

function deletionReceipt(to: string, locale: string, at: Date) {
  if (locale === 'ja') {
    return {
      to,
      subject: 'AnimeGen アカウント削除のお知らせ',
      text: `AnimeGen のアカウントを ${at.toISOString()} に削除しました。\n\nプロフィール、生成した画像、アップロード、セッションは消去されました。クレジットと購入の記録は、法律で定められた期間だけ氏名・メールアドレスなしで保管し、その後自動的に削除します。\n\n心当たりがない場合は、このメールに返信してください。`,
    };
  }
  return {
    to,
    subject: 'Your AnimeGen account was deleted',
    text: `Your AnimeGen account was deleted on ${at.toISOString()}.\n\nYour profile, generated images, uploads and sessions are erased. Credit and purchase records are kept without your name or e-mail for the legally required period, then deleted automatically.\n\nIf you did not ask for this, reply to this message.`,
  };
}
