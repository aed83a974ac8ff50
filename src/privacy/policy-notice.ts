import { and, eq, inArray, isNull, ne, notExists, or } from 'drizzle-orm';
import { tables } from '../db/index.js';
import { renderMail } from '../mail/index.js';
import type { PrivacyContext } from './context.js';

const t = tables;
const BATCH = 100;

/**
 * The `privacy.policy-notice` job: e-mails every verified account that has
 * not acknowledged the current (materially changed) privacy policy, each at
 * most once per version. Accounts are claimed in batches by one UPDATE
 * (`FOR UPDATE SKIP LOCKED`), so two workers, a retry or a restart never
 * e-mail anyone twice; a failed send is logged, and the banner in the app
 * still asks. Returns how many were e-mailed.
 */
export async function sendPolicyNotices(
  deps: Pick<PrivacyContext, 'db' | 'mailer' | 'log' | 'settings'>,
  input: { version: string },
): Promise<number> {
  const { version } = input;
  let sent = 0;
  for (;;) {
    const due = deps.db
      .select({ id: t.user.id })
      .from(t.user)
      .where(
        and(
          eq(t.user.emailVerified, true),
          isNull(t.user.deletedAt),
          or(isNull(t.user.policyNotifiedVersion), ne(t.user.policyNotifiedVersion, version)),
          notExists(
            deps.db
              .select({ one: t.policyAcknowledgements.userId })
              .from(t.policyAcknowledgements)
              .where(and(eq(t.policyAcknowledgements.userId, t.user.id), eq(t.policyAcknowledgements.version, version))),
          ),
        ),
      )
      .limit(BATCH)
      .for('update', { skipLocked: true });
    const claimed = await deps.db
      .update(t.user)
      .set({ policyNotifiedVersion: version })
      .where(inArray(t.user.id, due))
      .returning({ email: t.user.email, name: t.user.name, locale: t.user.locale });
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
