import { getProfile } from '../accounts/index.js';
import type { SupportThread } from '../contracts/support.js';
import type { Db } from '../db/index.js';
import { notFound } from '../lib/errors.js';
import { adminFindRequest, listMessages, toMessageView, toRequestView } from './support.queries.js';

/** Any account's request with its thread and who asked, for operators. Throws not_found when there is none. */
export async function adminGetSupportRequest(deps: { db: Db }, input: { requestId: string }): Promise<SupportThread> {
  const row = await adminFindRequest(deps.db, input.requestId);
  if (!row) throw notFound('That request');
  const [messages, profile] = await Promise.all([
    listMessages(deps.db, row.id),
    getProfile(deps, { userId: row.userId }).catch(() => null),
  ]);
  return {
    ...toRequestView(row, { operator: true }),
    messages: messages.map(toMessageView),
    requester: profile ? { email: profile.email, name: profile.name } : null,
  };
}
