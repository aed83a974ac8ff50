import type { Db } from '../db/index.js';
import { notFound } from '../lib/errors.js';
import { renderMail } from '../mail/index.js';
import type { PrivacyContext } from './context.js';
import { eraseAllUserData } from './owners.js';

/**
 * Erases an account: generations (with their files), uploads, exports,
 * sessions, credentials, two-factor secrets and consent records go, in one
 * transaction across every module; the user row stays only as an anonymous
 * anchor (no e-mail, no name) for the credit ledger and purchase records kept
 * for the legal period, which the retention job purges later. Every session
 * stops working at once. Files go after commit. A receipt goes to the address
 * the account had. The e-mail address is free for a new sign-up.
 */
export async function eraseAccount(
  deps: Pick<PrivacyContext, 'db' | 'storage' | 'clock' | 'log' | 'mailer'>,
  input: { userId: string; by: 'self' | 'operator'; alsoInTransaction?: (tx: Db) => Promise<void> },
): Promise<void> {
  const now = deps.clock.now();
  const erased = await eraseAllUserData(deps.db, input.userId, now, input.alsoInTransaction);
  if (!erased) throw notFound('That account');
  await deps.storage.delete(erased.files);
  deps.log.info({ by: input.by }, 'account erased');
  await deps.mailer
    .send(renderMail('accountDeleted', erased.account.email, erased.account.locale, { at: now }))
    .catch((err) => deps.log.warn({ err }, 'deletion receipt not sent'));
}
