import { passkey as passkeyPluginOf } from '@better-auth/passkey';
import { APIError } from 'better-auth/api';
import { deleteSessionCookie } from 'better-auth/cookies';
import { generateRandomString } from 'better-auth/crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { passkey, user } from './accounts.schema.js';

/**
 * Passkeys (WebAuthn) through Better Auth's plugin. The relying party is
 * PUBLIC_URL: its host name is the RP ID and its origin the only origin a
 * passkey answers for (never the request's Origin header). Registration asks
 * for a discoverable credential, since sign-in has no e-mail step to name one.
 *
 * A passkey is one way in, as the password is: the same rules hold after it
 * (verified address, not suspended, and the TOTP step when two-factor is on:
 * see holdForSecondFactor).
 */
export function passkeyPlugin(o: { db: Db; publicUrl: string }) {
  const site = new URL(o.publicUrl);
  const plugin = passkeyPluginOf({
    rpID: site.hostname,
    rpName: 'AnimeGen',
    origin: site.origin,
    authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
    authentication: {
      // Before the session is made: the same refusal as a password sign-in with an unverified address.
      afterVerification: async ({ clientData }) => {
        const credentialId = typeof clientData.id === 'string' ? clientData.id : '';
        const [owner] = await o.db
          .select({ emailVerified: user.emailVerified })
          .from(passkey)
          .innerJoin(user, eq(user.id, passkey.userId))
          .where(eq(passkey.credentialID, credentialId));
        if (!owner?.emailVerified) throw new APIError('FORBIDDEN', { code: 'EMAIL_NOT_VERIFIED', message: 'Email not verified' });
      },
    },
  });
  // Ours beside the plugin's fields, so list-user-passkeys returns when each was last used.
  const fields = { ...plugin.schema.passkey.fields, lastUsedAt: { type: 'date' as const, required: false, input: false } };
  return { ...plugin, schema: { passkey: { ...plugin.schema.passkey, fields } } };
}

/** Records a passkey sign-in on the credential that made it (for "last used" in Settings). */
export async function markPasskeyUsed(db: Db, input: { userId: string; credentialId: unknown; now: Date }): Promise<void> {
  if (typeof input.credentialId !== 'string') return;
  await db
    .update(passkey)
    .set({ lastUsedAt: input.now })
    .where(and(eq(passkey.credentialID, input.credentialId), eq(passkey.userId, input.userId)));
}

/** As Better Auth's two-factor plugin names them (plugins/two-factor/constant). */
const TWO_FACTOR_COOKIE = 'two_factor';
const TWO_FACTOR_WINDOW_SECONDS = 600;

/**
 * A passkey sign-in on an account with two-factor on: the session just made
 * is dropped and the TOTP step follows, exactly as the two-factor plugin does
 * after a password (it only watches the password paths). So "two-factor on"
 * still means every session of the account passed the code, which the
 * operator console relies on. Answers `{ twoFactorRedirect: true }`; the
 * sign-in finishes with /two-factor/verify-totp or /verify-backup-code.
 */
export async function holdForSecondFactor(
  ctx: Parameters<typeof deleteSessionCookie>[0],
  created: { session: { token: string }; user: { id: string } },
) {
  deleteSessionCookie(ctx, true);
  await ctx.context.internalAdapter.deleteSession(created.session.token);
  ctx.context.setNewSession(null);
  const identifier = `2fa-${generateRandomString(20)}`;
  const expiresAt = new Date(Date.now() + TWO_FACTOR_WINDOW_SECONDS * 1000);
  await ctx.context.internalAdapter.createVerificationValue({ value: created.user.id, identifier, expiresAt });
  await ctx.context.internalAdapter.createVerificationValue({ value: '0', identifier: `2fa-attempts-${identifier}`, expiresAt });
  const cookie = ctx.context.createAuthCookie(TWO_FACTOR_COOKIE, { maxAge: TWO_FACTOR_WINDOW_SECONDS });
  await ctx.setSignedCookie(cookie.name, identifier, ctx.context.secret, cookie.attributes);
  return ctx.json({ twoFactorRedirect: true, twoFactorMethods: ['totp'] });
}
