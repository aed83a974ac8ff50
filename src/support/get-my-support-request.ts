import type { SupportThread } from '../contracts/support.js';
import type { Db } from '../db/index.js';
import { notFound } from '../lib/errors.js';
import { findOwnedRequest, listMessages, toMessageView, toRequestView } from './support.queries.js';

/** One of the user's requests with its thread, oldest message first. Throws not_found for anyone else's. */
export async function getMySupportRequest(deps: { db: Db }, input: { userId: string; requestId: string }): Promise<SupportThread> {
  const row = await findOwnedRequest(deps.db, input.userId, input.requestId);
  if (!row) throw notFound('That request');
  const messages = await listMessages(deps.db, row.id);
  return { ...toRequestView(row), messages: messages.map(toMessageView) };
}
