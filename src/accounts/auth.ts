import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { APIError, createAuthMiddleware, getSessionFromCtx } from 'better-auth/api';
import { genericOAuth, twoFactor } from 'better-auth/plugins';
import type { SignInProviderId } from '../contracts/api.js';
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
  /**
   * Called when the holder confirmed the minimum age and accepted the terms and the privacy policy in force:
   * in the e-mail sign-up request (the form asks before the account exists). An account made by a provider
   * sign-in does so later, on the welcome step (consent-to-signup.ts), which the HTTP layer records.
   */
  onSignupConsent(userId: string): Promise<void>;
  /**
   * Called once an address is verified (by the e-mailed link, or by a sign-in provider that says it verified
   * the address): the sign-up grant hangs here. Must be idempotent: a later sign-in may call it again.
   */
  onEmailVerified(userId: string): Promise<void>;
  /** The sign-in providers the operator configured (none: e-mail and password only). */
  signInProviders: SignInProvider[];
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

/**
 * A sign-in provider: Google, Discord or GitHub (Better Auth's own), or
 * `oidc`, any OpenID Connect issuer found through its discovery document.
 * Each calls back at `<PUBLIC_URL>/api/auth/callback/<id>`.
 */
export type SignInProvider =
  | { id: Exclude<SignInProviderId, 'oidc'>; clientId: string; clientSecret: string }
  | { id: 'oidc'; issuer: string; clientId: string; clientSecret: string; name: string | null };

/** The endpoint that creates an account with the age confirmed in its own request (checked in the before-hook). */
const EMAIL_SIGN_UP = '/sign-up/email';
/** Where every provider returns: the path as Better Auth's endpoint context names it. */
const isProviderCallback = (path: string | undefined) => path === '/callback/:id' || Boolean(path?.startsWith('/callback/'));

/** Provider tokens are never kept: a sign-in needs only the provider's user id (account_id). */
const NO_PROVIDER_TOKENS = {
  accessToken: null,
  refreshToken: null,
  idToken: null,
  accessTokenExpiresAt: null,
  refreshTokenExpiresAt: null,
};

/** Request header our HTTP layer sets to the client address (Fastify's req.ip, proxy-aware). */
export const CLIENT_IP_HEADER = 'x-animegen-client-ip';

/**
 * Better Auth configured for AnimeGen: e-mail + password with verification
 * required, age confirmation at sign-up, OWASP-strength scrypt, Origin checks
 * on every cookie-carrying POST, telemetry off; and the sign-in providers the
 * operator configured. A provider sign-in links to an existing account only
 * when the provider says it verified the address (and the account's own is
 * verified); an account it makes confirms the age and accepts the terms on
 * the welcome step before it may generate; a provider-verified address counts
 * as verified for the sign-up grant; a suspended account gets no session,
 * whichever way it comes in.
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
    // A provider's refusal (or ours) lands on the sign-in page as ?error=<code> when the request named no page of its own.
    onAPIError: { errorURL: `${o.publicUrl}/sign-in` },
    socialProviders: socialProviders(o.signInProviders),
    account: {
      // Provider tokens are dropped (NO_PROVIDER_TOKENS), so a sign-in has nothing to refresh either.
      updateAccountOnSignIn: false,
      accountLinking: {
        enabled: true,
        // No provider is trusted blindly: linking needs the provider's own "email verified".
        trustedProviders: [],
        allowDifferentEmails: false,
        updateUserInfoOnLink: false,
      },
    },
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
    plugins: [twoFactor({ issuer: 'AnimeGen' }), passkeyPlugin({ db: o.db, publicUrl: o.publicUrl }), ...openIdConnect(o.signInProviders)],
    rateLimit: {
      enabled: o.rateLimit,
      storage: 'database',
      window: 60,
      max: 100,
      // Guessing and flooding targets: few tries per window, per client address.
      customRules: {
        '/sign-in/email': { window: 10, max: 3 },
        '/sign-up/email': { window: 60, max: 5 },
        '/sign-in/social': { window: 60, max: 10 },
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
          before: async (user, ctx) => {
            // The e-mail sign-up checked the age confirmation in the before-hook: record when it happened.
            if (ctx?.path === EMAIL_SIGN_UP) return { data: { ...user, ageConfirmedAt: new Date() } };
            // Any other way in (a provider) confirms on the welcome step; no avatar URL is kept.
            return { data: { ...user, name: displayName(user.name, user.email), image: null, ageConfirmedAt: null } };
          },
          after: async (user, ctx) => {
            // The network it came from decides the free grant at verification (see decide-signup-grant.ts).
            const clientIp = ctx?.request?.headers.get(CLIENT_IP_HEADER) ?? ctx?.headers?.get(CLIENT_IP_HEADER) ?? null;
            await recordSignup(o.db, { userId: user.id, clientIp, secret: o.secret, now: new Date() });
            if (ctx?.path === EMAIL_SIGN_UP) await o.onSignupConsent(user.id);
            // A provider that verified the address stands in for our link: the grant is decided now, by the same rules.
            if (user.emailVerified) await o.onEmailVerified(user.id);
          },
        },
        update: {
          after: async (user, ctx) => {
            // A provider sign-in that verified the address of an account still unverified (Better Auth marks it so).
            if (user.emailVerified && isProviderCallback(ctx?.path)) await o.onEmailVerified(user.id);
          },
        },
      },
      account: {
        create: { before: async (account) => ({ data: { ...account, ...NO_PROVIDER_TOKENS } }) },
        update: { before: async (patch) => ({ data: { ...patch, ...NO_PROVIDER_TOKENS } }) },
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
        if ((ctx.path === '/sign-in/social' || ctx.path === '/link-social') && (ctx.body as { idToken?: unknown } | undefined)?.idToken) {
          // Only the redirect flow (state, PKCE, nonce) signs in with a provider; a token posted from elsewhere does not.
          throw new APIError('BAD_REQUEST', { code: 'ID_TOKEN_SIGN_IN_DISABLED', message: 'Sign in through the provider’s page.' });
        }
        if (ctx.path !== EMAIL_SIGN_UP) return;
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

/** Google, Discord and GitHub, as Better Auth knows them; an unverified address gets no session until our link verifies it. */
function socialProviders(providers: SignInProvider[]) {
  const of = (id: Exclude<SignInProviderId, 'oidc'>) => {
    const p = providers.find((x) => x.id === id);
    return p && { clientId: p.clientId, clientSecret: p.clientSecret, requireEmailVerification: true, disableIdTokenSignIn: true };
  };
  const google = of('google');
  const discord = of('discord');
  const github = of('github');
  return { ...(google && { google }), ...(discord && { discord }), ...(github && { github }) };
}

/**
 * The operator's OpenID Connect issuer through Better Auth's generic OAuth
 * plugin: endpoints and keys from its discovery document (fetched at
 * start-up, again on the first sign-in if the issuer was down), the
 * authorization code flow with PKCE and a nonce, the ID token checked against
 * the issuer's keys. Signing out here does not sign out at the issuer.
 */
function openIdConnect(providers: SignInProvider[]) {
  const p = providers.find((x) => x.id === 'oidc');
  if (p?.id !== 'oidc') return [];
  return [
    genericOAuth({
      config: [
        {
          providerId: 'oidc',
          name: p.name ?? 'OpenID Connect',
          discoveryUrl: `${p.issuer}/.well-known/openid-configuration`,
          clientId: p.clientId,
          clientSecret: p.clientSecret,
          scopes: ['openid', 'email', 'profile'],
          pkce: true,
          requireIdTokenVerification: true,
          requireEmailVerification: true,
          disableProviderLogout: true,
        },
      ],
    }),
  ];
}

/** A provider's name for the account, as our display names go (1–80 characters), else the address's local part. */
function displayName(name: string | undefined, email: string): string {
  const given = (name ?? '').trim().slice(0, 80).trim();
  return given || email.split('@')[0]?.slice(0, 80) || 'AnimeGen user';
}

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
