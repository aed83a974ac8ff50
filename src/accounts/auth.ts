import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { APIError, createAuthMiddleware, getSessionFromCtx } from 'better-auth/api';
import { twoFactor } from 'better-auth/plugins';
import type { Db } from '../db/index.js';
import { newId } from '../lib/ids.js';
import type { Logger } from '../lib/logger.js';
import * as tables from './accounts.schema.js';
import { loadDisposableDomains } from './disposable-domains.js';
import { holdForSecondFactor, markPasskeyUsed, passkeyPlugin } from './passkeys.js';
import { hashPassword, type ScryptParams, verifyPassword } from './password.js';
import { isCommonPassword } from './password-policy.js';
import { FRESH_SESSION_MS } from './reauthenticate.js';
import { recordSignup } from './record-signup.js';
import type { SignupChallenges } from './signup-challenge.js';
import { isSuspended } from './suspend-account.js';

export interface AuthOptions {
  db: Db;
  secret: string;
  publicUrl: string;
  minAge: number;
  secureCookies: boolean;
  passwordCost: ScryptParams;
  log: Logger;
  /** Sends the verification e-mail (the url carries a one-time token). */
  sendVerificationEmail(input: { to: string; name: string; locale: string; url: string }): Promise<void>;
  sendResetPasswordEmail(input: { to: string; name: string; locale: string; url: string }): Promise<void>;
  /** Called once the account row exists (same request as the sign-up). */
  onUserCreated(userId: string): Promise<void>;
  /** Called once an address is verified: the sign-up grant hangs here. */
  onEmailVerified(userId: string): Promise<void>;
  /** Rate limits on sign-in, sign-up, reset and verification, counted in the database (all processes). */
  rateLimit: boolean;
  /** The sign-up proof-of-work, when the operator turned it on (SIGNUP_CHALLENGE). */
  signupChallenges: SignupChallenges | null;
  /** Where a suspended account writes to appeal (said in the sign-in refusal). */
  appealContact: string;
}

/**
 * Better Auth paths that change how the account is entered: only a session
 * signed in within FRESH_SESSION_MS may use them (the refusal says what for).
 * The passkey plugin checks its own registration with the same age
 * (session.freshAge); removal it does not, so both are named here.
 */
const freshSessionPaths: Record<string, string> = {
  '/change-email': 'changing your e-mail address',
  '/passkey/generate-register-options': 'adding a passkey',
  '/passkey/verify-registration': 'adding a passkey',
  '/passkey/delete-passkey': 'removing a passkey',
};

/** Request header our HTTP layer sets to the client address (Fastify's req.ip, proxy-aware). */
export const CLIENT_IP_HEADER = 'x-animegen-client-ip';

/**
 * Better Auth configured for AnimeGen: e-mail + password with verification
 * required, age confirmation at sign-up, OWASP-strength scrypt, Origin checks
 * on every cookie-carrying POST, telemetry off.
 */
export function createAuth(o: AuthOptions) {
  // Read once at start-up, not in the first verification.
  loadDisposableDomains();
  return betterAuth({
    appName: 'AnimeGen',
    baseURL: o.publicUrl,
    basePath: '/api/auth',
    secret: o.secret,
    trustedOrigins: [new URL(o.publicUrl).origin],
    telemetry: { enabled: false },
    database: drizzleAdapter(o.db, {
      provider: 'pg',
      schema: {
        user: tables.user,
        session: tables.session,
        account: tables.account,
        verification: tables.verification,
        twoFactor: tables.twoFactor,
        passkey: tables.passkey,
        rateLimit: tables.rateLimit,
      },
    }),
    advanced: {
      database: { generateId: () => newId() },
      cookiePrefix: 'animegen',
      useSecureCookies: o.secureCookies,
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
      // Better Auth turns Origin checks off when NODE_ENV=test; we test what we ship.
      disableOriginCheck: false,
      disableCSRFCheck: false,
    },
    user: {
      // A verification link goes to the new address; the change happens when it is followed.
      changeEmail: { enabled: true },
      additionalFields: {
        theme: { type: 'string', required: false, defaultValue: 'system', input: false },
        // Accepted at sign-up (checked below) so the verification e-mail is in the user's language.
        locale: { type: 'string', required: false, defaultValue: 'en', input: true },
        ageConfirmedAt: { type: 'date', required: false, input: false },
      },
    },
    emailAndPassword: {
      enabled: true,
      requireEmailVerification: true,
      minPasswordLength: 8,
      maxPasswordLength: 128,
      revokeSessionsOnPasswordReset: true,
      password: {
        hash: (password) => hashPassword(password, o.passwordCost),
        verify: ({ hash, password }) => verifyPassword(hash, password),
      },
      sendResetPassword: async ({ user, url }) => {
        await o.sendResetPasswordEmail({ to: user.email, name: user.name, locale: localeOf(user), url });
      },
    },
    emailVerification: {
      sendOnSignUp: true,
      sendOnSignIn: true,
      autoSignInAfterVerification: true,
      sendVerificationEmail: async ({ user, url }) => {
        await o.sendVerificationEmail({ to: user.email, name: user.name, locale: localeOf(user), url: landOnVerifiedPage(url) });
      },
      afterEmailVerification: async (user) => {
        await o.onEmailVerified(user.id);
      },
    },
    session: { expiresIn: 60 * 60 * 24 * 7, updateAge: 60 * 60 * 24, freshAge: FRESH_SESSION_MS / 1000 },
    plugins: [twoFactor({ issuer: 'AnimeGen' }), passkeyPlugin({ db: o.db, publicUrl: o.publicUrl })],
    rateLimit: {
      enabled: o.rateLimit,
      storage: 'database',
      window: 60,
      max: 100,
      // Guessing and flooding targets: few tries per window, per client address.
      customRules: {
        '/sign-in/email': { window: 10, max: 3 },
        '/sign-up/email': { window: 60, max: 5 },
        '/request-password-reset': { window: 60, max: 3 },
        '/reset-password': { window: 60, max: 5 },
        '/send-verification-email': { window: 60, max: 3 },
        '/change-password': { window: 60, max: 5 },
        '/change-email': { window: 60, max: 3 },
        '/two-factor/verify-totp': { window: 10, max: 3 },
        '/two-factor/verify-backup-code': { window: 10, max: 3 },
        // Each options request stores a challenge: a signed-out caller must not fill the table.
        '/passkey/generate-authenticate-options': { window: 60, max: 10 },
        '/passkey/verify-authentication': { window: 10, max: 3 },
        '/passkey/generate-register-options': { window: 60, max: 10 },
      },
    },
    databaseHooks: {
      user: {
        create: {
          // The age confirmation was checked in the before-hook; record when it happened.
          before: async (user) => ({ data: { ...user, ageConfirmedAt: new Date() } }),
          after: async (user, ctx) => {
            // The network it came from decides the free grant at verification (see decide-signup-grant.ts).
            const clientIp = ctx?.request?.headers.get(CLIENT_IP_HEADER) ?? ctx?.headers?.get(CLIENT_IP_HEADER) ?? null;
            await recordSignup(o.db, { userId: user.id, clientIp, secret: o.secret, now: new Date() });
            await o.onUserCreated(user.id);
          },
        },
      },
      session: {
        create: {
          // Every way in makes a session (password, two-factor, a verification link): none for a suspended account.
          before: async (s) => {
            if (await isSuspended(o.db, s.userId)) {
              throw new APIError('FORBIDDEN', {
                code: 'ACCOUNT_SUSPENDED',
                message: `This account is suspended while an operator reviews it. To appeal, write to ${o.appealContact}.`,
              });
            }
          },
        },
      },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path === '/update-user') {
          // Profile changes go through PATCH /api/me, which validates them.
          throw new APIError('NOT_FOUND', { message: 'Use PATCH /api/me.' });
        }
        const freshOnly = freshSessionPaths[ctx.path];
        if (freshOnly) {
          // Re-authentication: only a session signed in within the last minutes may change how the account is entered.
          const current = await getSessionFromCtx(ctx);
          if (!current) throw new APIError('UNAUTHORIZED', { code: 'UNAUTHORIZED', message: 'Please sign in to continue.' });
          if (Date.now() - new Date(current.session.createdAt).getTime() > FRESH_SESSION_MS) {
            throw new APIError('FORBIDDEN', { code: 'SESSION_NOT_FRESH', message: `Please sign in again before ${freshOnly}.` });
          }
        }
        if (ctx.path === '/passkey/update-passkey' || ctx.path === '/passkey/verify-registration') {
          // The plugin takes any length; the list in Settings shows it whole.
          const name = (ctx.body as { name?: unknown } | undefined)?.name;
          if (typeof name === 'string' && name.trim().length > 80) {
            throw new APIError('BAD_REQUEST', { code: 'INVALID_NAME', message: 'Choose a passkey name of at most 80 characters.' });
          }
        }
        if (ctx.path === '/sign-up/email' || ctx.path === '/reset-password' || ctx.path === '/change-password') {
          const b = ctx.body as { password?: unknown; newPassword?: unknown } | undefined;
          const candidate = ctx.path === '/sign-up/email' ? b?.password : b?.newPassword;
          if (typeof candidate === 'string' && isCommonPassword(candidate)) {
            throw new APIError('BAD_REQUEST', {
              code: 'PASSWORD_TOO_COMMON',
              message: 'That password is one of the most common ones and easy to guess. Choose another.',
            });
          }
        }
        if (ctx.path !== '/sign-up/email') return;
        const body = ctx.body as { ageConfirmed?: unknown; name?: unknown; locale?: unknown } | undefined;
        if (body?.ageConfirmed !== true) {
          throw new APIError('BAD_REQUEST', {
            code: 'AGE_CONFIRMATION_REQUIRED',
            message: `You must confirm that you are at least ${o.minAge} years old.`,
          });
        }
        if (typeof body.name !== 'string' || body.name.trim().length === 0 || body.name.length > 80) {
          throw new APIError('BAD_REQUEST', { code: 'INVALID_NAME', message: 'Choose a display name of 1 to 80 characters.' });
        }
        if (body.locale !== undefined && body.locale !== 'en' && body.locale !== 'ja') {
          throw new APIError('BAD_REQUEST', { code: 'INVALID_LOCALE', message: 'The language must be "en" or "ja".' });
        }
        // Last, so a typo above does not spend the solution.
        if (o.signupChallenges && !(await o.signupChallenges.redeem((ctx.body as { altcha?: unknown }).altcha))) {
          throw new APIError('BAD_REQUEST', {
            code: 'CHALLENGE_FAILED',
            message: 'The sign-up check did not complete (or was used already). Reload the page and try again.',
          });
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== '/passkey/verify-authentication') return;
        const created = ctx.context.newSession;
        if (!created) return;
        const credentialId = (ctx.body as { response?: { id?: unknown } } | undefined)?.response?.id;
        await markPasskeyUsed(o.db, { userId: created.user.id, credentialId, now: new Date() });
        if ((created.user as { twoFactorEnabled?: boolean }).twoFactorEnabled) return holdForSecondFactor(ctx, created);
      }),
    },
    logger: {
      log: (level, message) => {
        const fn = level === 'error' ? o.log.error : level === 'warn' ? o.log.warn : o.log.debug;
        fn.call(o.log, { component: 'auth' }, message);
      },
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;

function localeOf(user: object): string {
  return 'locale' in user && typeof user.locale === 'string' ? user.locale : 'en';
}

/**
 * Better Auth sends the link again when an unverified user signs in, with
 * callbackURL "/" unless the request named one: that link would skip the "e-mail
 * verified, credits added" page the first one shows. A link without a landing
 * page of its own lands there too (a change of address keeps its own).
 */
function landOnVerifiedPage(link: string): string {
  const url = new URL(link);
  const callback = url.searchParams.get('callbackURL');
  if (callback === null || callback === '' || callback === '/') url.searchParams.set('callbackURL', '/verified');
  return url.toString();
}
