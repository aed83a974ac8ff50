import { eq } from 'drizzle-orm';
import { getProfile } from '../accounts/index.js';
import { renderMail } from '../mail/index.js';
import type { WebhooksContext } from './context.js';
import { webhookEndpoints } from './webhooks.schema.js';

/**
 * E-mails the owner that an endpoint was disabled after failing for three
 * days, in their language: which address (scheme, host and path only: a
 * query string may hold the receiver's own token) and where to turn it back
 * on. Nothing when the endpoint or the account is gone, or it works again.
 */
export async function sendDisabledNotice(
  deps: Pick<WebhooksContext, 'db' | 'mailer' | 'publicUrl'>,
  input: { endpointId: string },
): Promise<void> {
  const [endpoint] = await deps.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, input.endpointId));
  if (!endpoint?.disabledAt) return;
  const profile = await getProfile(deps, { userId: endpoint.userId }).catch(() => null);
  if (!profile) return;
  const url = new URL(endpoint.url);
  await deps.mailer.send(
    renderMail('webhookDisabled', profile.email, profile.locale, {
      name: profile.name,
      endpoint: `${url.protocol}//${url.host}${url.pathname}`,
      url: `${deps.publicUrl}/settings#webhooks`,
    }),
  );
}
