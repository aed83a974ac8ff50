import { and, eq, isNull } from 'drizzle-orm';
import { getProfile } from '../accounts/index.js';
import { renderMail } from '../mail/index.js';
import type { SupportContext } from './context.js';
import { supportMessages, supportRequests } from './support.schema.js';

/**
 * E-mails the user that an operator answered, in their language. The e-mail
 * says only that there is an answer, the request's category and where to read
 * it: the thread may hold account or payment details, and an e-mail crosses
 * servers we do not control and stays in mailboxes for years, while the app
 * shows it only behind the account's sign-in. Idempotent: a message already
 * notified is skipped, and a message gone with its account sends nothing.
 */
export async function sendReplyNotice(
  deps: Pick<SupportContext, 'db' | 'clock' | 'mailer' | 'publicUrl'>,
  input: { messageId: string },
): Promise<void> {
  const [found] = await deps.db
    .select({
      notifiedAt: supportMessages.notifiedAt,
      requestId: supportRequests.id,
      userId: supportRequests.userId,
      category: supportRequests.category,
    })
    .from(supportMessages)
    .innerJoin(supportRequests, eq(supportRequests.id, supportMessages.requestId))
    .where(and(eq(supportMessages.id, input.messageId), eq(supportMessages.author, 'operator')));
  if (!found || found.notifiedAt) return;
  const profile = await getProfile(deps, { userId: found.userId }).catch(() => null);
  if (!profile) return;
  await deps.mailer.send(
    renderMail('supportReply', profile.email, profile.locale, {
      name: profile.name,
      category: found.category,
      url: `${deps.publicUrl}/support/${found.requestId}`,
    }),
  );
  await deps.db
    .update(supportMessages)
    .set({ notifiedAt: deps.clock.now() })
    .where(and(eq(supportMessages.id, input.messageId), isNull(supportMessages.notifiedAt)));
}
