import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { AppError } from '../lib/errors.js';
import { account, session } from './accounts.schema.js';
import { verifyPassword } from './password.js';

/** A session signed in this recently counts as a fresh sign-in for sensitive actions. */
export const FRESH_SESSION_MS = 10 * 60 * 1000;

/**
 * Confirms it is really the account holder before a sensitive action (account
 * deletion): the current password, or a session signed in within 10 minutes.
 * Throws reauthentication_required otherwise.
 */
export async function requireReauthentication(
  deps: { db: Db },
  input: { userId: string; sessionId: string; password?: string; now: Date },
): Promise<void> {
  if (input.password) {
    const [credential] = await deps.db
      .select({ hash: account.password })
      .from(account)
      .where(and(eq(account.userId, input.userId), eq(account.providerId, 'credential')));
    if (credential?.hash && (await verifyPassword(credential.hash, input.password))) return;
    throw new AppError('reauthentication_required', 'That password is not correct.', { field: 'password' });
  }
  const [current] = await deps.db
    .select({ createdAt: session.createdAt })
    .from(session)
    .where(and(eq(session.id, input.sessionId), eq(session.userId, input.userId)));
  if (current && input.now.getTime() - current.createdAt.getTime() <= FRESH_SESSION_MS) return;
  throw new AppError('reauthentication_required', 'Please enter your password (or sign in again) to confirm.');
}
