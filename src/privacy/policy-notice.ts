import { type SQL, sql } from 'drizzle-orm';
import { claimNoticeRecipients } from '../accounts/index.js';
import { renderMail } from '../mail/index.js';
import type { PrivacyContext } from './context.js';
import { policyAcknowledgements } from './privacy.schema.js';

const BATCH = 100;

/**
 * The `privacy.policy-notice` job: e-mails every verified account that has
 * not acknowledged the current (materially changed) privacy policy, each at
 * most once per version (accounts claims them, so two workers, a retry or a
 * restart never e-mail anyone twice); a failed send is logged, and the
 * banner in the app still asks. Returns how many were e-mailed.
 */
export async function sendPolicyNotices(
  deps: Pick<PrivacyContext, 'db' | 'mailer' | 'log' | 'settings'>,
  input: { version: string },
): Promise<number> {
  const { version } = input;
  const acknowledged = (userId: SQL) =>
    sql`exists (select 1 from ${policyAcknowledgements} a where a.user_id = ${userId} and a.version = ${version})`;
  let sent = 0;
  for (;;) {
    const claimed = await claimNoticeRecipients(deps.db, { version, limit: BATCH, unless: acknowledged });
    if (claimed.length === 0) break;
    for (const u of claimed) {
      const mail = renderMail('policy', u.email, u.locale, { name: u.name, url: `${deps.settings.publicUrl}/privacy` });
      await deps.mailer.send(mail).then(
        () => sent++,
        (err) => deps.log.warn({ err }, 'policy notice not sent'),
      );
    }
  }
  deps.log.info({ version, sent }, 'policy change notices sent');
  return sent;
}
