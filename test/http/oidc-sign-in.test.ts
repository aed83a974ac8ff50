import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { suspendAccount } from '../../src/accounts/index.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { type Browser, createBrowser } from '../helpers/browser.js';
import { submit } from '../helpers/generations.js';
import { ledgerOf } from '../helpers/ledger.js';
import { completeAtIssuer, type IssuerAccount, type OidcIssuer, startOidcIssuer } from '../helpers/oidc-issuer.js';
import { rowsOf, tables } from '../helpers/tables.js';
import { followLink, givenVerifiedUser, latestLink, uniqueEmail } from '../helpers/users.js';

const PUBLIC_URL = 'http://localhost:3000';
const CALLBACK = `${PUBLIC_URL}/api/auth/callback/oidc`;
const SIGNUP_CREDITS = 20;

/**
 * Signing in with an OpenID Connect issuer, end to end: a real issuer
 * (oidc-provider) on 127.0.0.1, our app through inject, and a browser in code
 * that carries cookies and takes every redirect itself.
 */
describe('signing in with an OpenID Connect issuer', () => {
  let t: TestApp;
  let issuer: OidcIssuer;

  beforeAll(async () => {
    issuer = await startOidcIssuer({ redirectUris: [CALLBACK] });
    t = await buildTestApp({
      env: {
        PUBLIC_URL,
        OIDC_ISSUER: issuer.issuer,
        OIDC_CLIENT_ID: issuer.clientId,
        OIDC_CLIENT_SECRET: issuer.clientSecret,
        OIDC_NAME: 'Company account',
        SIGNUP_CREDITS: String(SIGNUP_CREDITS),
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    await issuer?.close();
  });

  /** A browser on a network of its own (the per-network grant cap never mixes tests). */
  const newBrowser = () => createBrowser(t, { remoteAddress: `10.${randomBytes(3).join('.')}` });

  /** A person at the issuer: a login with the claims the test gives. */
  function atIssuer(claims: Partial<IssuerAccount> = {}) {
    const login = `login-${randomBytes(4).toString('hex')}`;
    const account = { email: uniqueEmail('oidc'), email_verified: true, name: 'Aoi', ...claims };
    issuer.setAccount(login, account);
    return { login, ...account };
  }

  /**
   * The whole sign-in from the button: our sign-in endpoint hands out the
   * issuer's authorization URL, the issuer signs the person in and asks for
   * consent, and our callback ends it. Returns where our callback sends the
   * browser (a page of the web app).
   */
  async function signIn(browser: Browser, login: string): Promise<string> {
    const start = await browser.post('/api/auth/sign-in/social', {
      json: {
        provider: 'oidc',
        callbackURL: '/create',
        newUserCallbackURL: '/welcome',
        errorCallbackURL: '/sign-in',
        disableRedirect: true,
      },
    });
    expect(start.status, start.text).toBe(200);
    const authorizationUrl = start.json<{ url: string }>().url;
    expect(authorizationUrl.startsWith(`${issuer.issuer}/`)).toBe(true);
    const back = await completeAtIssuer(browser, authorizationUrl, login);
    expect(back.startsWith(`${CALLBACK}?`), back).toBe(true);
    const done = await browser.get(back);
    expect(done.status, done.text).toBe(302);
    return done.location ?? '';
  }

  const me = async (browser: Browser) => {
    const res = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: browser.appCookie() } });
    return { status: res.statusCode, body: res.json() };
  };

  /** The signed-in person as the generation helpers take a user. */
  const asUser = (browser: Browser, id: string) => ({ id, email: '', password: '', cookie: browser.appCookie(), credits: 0 });
  const grantsOf = async (userId: string) => (await ledgerOf(t, userId)).filter((e) => e.kind === 'signup_grant');
  const providerRows = (userId: string) => rowsOf(t.deps.db, tables.account, eq(tables.account.userId, userId));
  const sessionCookie = (browser: Browser) => /animegen\.session_token=/.test(browser.appCookie());

  it('offers the issuer on the public meta endpoint with the operator’s label, and names it on the privacy page', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/meta' });
    expect(res.json().signInProviders).toEqual([{ id: 'oidc', name: 'Company account' }]);
    // The privacy page names it among those who receive data, from the live configuration.
    const policy = await t.app.inject({ method: 'GET', url: '/api/legal/privacy' });
    expect(policy.json().processors).toContainEqual(
      expect.objectContaining({
        name: `Company account (${new URL(issuer.issuer).host})`,
        purpose: expect.stringMatching(/e-mail address/),
      }),
    );
  });

  it('makes an account on the first sign-in, which may not generate until it confirms the age and accepts the terms', async () => {
    const person = atIssuer({ name: '  Aoi Tanaka  ' });
    const browser = newBrowser();
    expect(await signIn(browser, person.login)).toBe(`${PUBLIC_URL}/welcome`);
    // The sign-in's own state cookie is gone: what stays is the one session cookie, as after any sign-in.
    expect(
      browser
        .appCookie()
        .split('; ')
        .map((c) => c.split('=')[0]),
    ).toEqual(['animegen.session_token']);
    const first = await me(browser);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      email: person.email,
      name: 'Aoi Tanaka',
      emailVerified: true,
      ageConfirmed: false,
      hasPassword: false,
    });
    const userId: string = first.body.id;
    // The issuer verified the address: the grant was decided at once, by the e-mail sign-up's rules.
    expect(first.body).toMatchObject({ signupGrant: 'granted', credits: SIGNUP_CREDITS });
    const [row] = await rowsOf(t.deps.db, tables.user, eq(tables.user.id, userId));
    expect(row).toMatchObject({ ageConfirmedAt: null, image: null });
    // Its sign-in key is the issuer's subject; the issuer's tokens are not kept.
    expect(await providerRows(userId)).toEqual([
      expect.objectContaining({ providerId: 'oidc', accountId: person.login, accessToken: null, refreshToken: null, idToken: null }),
    ]);

    const user = asUser(browser, userId);
    const refused = await submit(t, user, { prompt: 'a quiet harbour at dusk' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('age_confirmation_required');
    const upload = await t.app.inject({ method: 'POST', url: '/api/uploads', headers: { cookie: user.cookie, origin: t.origin } });
    expect(upload.json().error.code).toBe('age_confirmation_required');

    const consent = (body: object) =>
      t.app.inject({ method: 'POST', url: '/api/me/consent', headers: { cookie: user.cookie, origin: t.origin }, payload: body });
    expect((await consent({ ageConfirmed: true })).statusCode).toBe(422);
    expect((await consent({ ageConfirmed: true, termsAccepted: false })).statusCode).toBe(422);
    const confirmed = await consent({ ageConfirmed: true, termsAccepted: true, locale: 'ja' });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toMatchObject({ ageConfirmed: true, locale: 'ja' });
    const policy = await t.app.inject({ method: 'GET', url: '/api/me/policy', headers: { cookie: user.cookie } });
    expect(policy.json().acknowledgedVersion).toBe(policy.json().version);

    const accepted = await submit(t, user, { prompt: 'a quiet harbour at dusk' });
    expect(accepted.statusCode, accepted.body).toBe(202);
    // Repeating the step keeps the first time.
    const [before] = await rowsOf(t.deps.db, tables.user, eq(tables.user.id, userId));
    expect((await consent({ ageConfirmed: true, termsAccepted: true })).statusCode).toBe(200);
    const [after] = await rowsOf(t.deps.db, tables.user, eq(tables.user.id, userId));
    expect(after?.ageConfirmedAt).toEqual(before?.ageConfirmedAt);
  });

  it('signs the same person in again to the same account, and grants the credits once', async () => {
    const person = atIssuer();
    const browser = newBrowser();
    expect(await signIn(browser, person.login)).toBe(`${PUBLIC_URL}/welcome`);
    const { body: first } = await me(browser);

    browser.clear();
    expect(await signIn(browser, person.login)).toBe(`${PUBLIC_URL}/create`);
    const { body: again } = await me(browser);
    expect(again.id).toBe(first.id);
    expect(await rowsOf(t.deps.db, tables.user, eq(tables.user.email, person.email))).toHaveLength(1);
    expect(await providerRows(first.id)).toHaveLength(1);
    expect(await grantsOf(first.id)).toEqual([expect.objectContaining({ delta: SIGNUP_CREDITS })]);
    expect(again.credits).toBe(SIGNUP_CREDITS);
  });

  it('links to an existing e-mail account when the issuer says it verified the address', async () => {
    const existing = await givenVerifiedUser(t, { credits: 7 });
    const person = atIssuer({ email: existing.email.toUpperCase(), email_verified: true });
    const browser = newBrowser();
    // Not a new account: the person goes where they were going, not to the welcome step.
    expect(await signIn(browser, person.login)).toBe(`${PUBLIC_URL}/create`);
    const { body } = await me(browser);
    expect(body).toMatchObject({ id: existing.id, ageConfirmed: true, credits: 7, hasPassword: true });
    expect((await providerRows(existing.id)).map((a) => a.providerId).sort()).toEqual(['credential', 'oidc']);
    expect(await grantsOf(existing.id)).toHaveLength(1);
    expect((await submit(t, asUser(browser, existing.id), { prompt: 'a lighthouse' })).statusCode).toBe(202);
  });

  it('does not link when the issuer does not say the address is verified, and says why', async () => {
    const existing = await givenVerifiedUser(t);
    const person = atIssuer({ email: existing.email, email_verified: false });
    const browser = newBrowser();
    const landing = new URL(await signIn(browser, person.login));
    expect(landing.pathname).toBe('/sign-in');
    expect(landing.searchParams.get('error')).toBe('account_not_linked');
    expect(sessionCookie(browser)).toBe(false);
    expect((await me(browser)).status).toBe(401);
    expect((await providerRows(existing.id)).map((a) => a.providerId)).toEqual(['credential']);
  });

  it('refuses a suspended account, whether made by the issuer or linked to it', async () => {
    const person = atIssuer();
    const browser = newBrowser();
    await signIn(browser, person.login);
    const { body } = await me(browser);
    await suspendAccount(t.deps.db, { userId: body.id, reason: 'test', now: new Date() });
    browser.clear();
    const landing = new URL(await signIn(browser, person.login));
    expect(landing.pathname).toBe('/sign-in');
    expect(landing.searchParams.get('error')).toBe('ACCOUNT_SUSPENDED');
    expect(landing.searchParams.get('error_description')).toMatch(/suspended/);
    expect(sessionCookie(browser)).toBe(false);

    // An e-mail account suspended before it was ever linked: linked (the address is the person's), but no way in.
    const existing = await givenVerifiedUser(t);
    await suspendAccount(t.deps.db, { userId: existing.id, reason: 'test', now: new Date() });
    const other = atIssuer({ email: existing.email });
    const second = newBrowser();
    expect(new URL(await signIn(second, other.login)).searchParams.get('error')).toBe('ACCOUNT_SUSPENDED');
    expect(sessionCookie(second)).toBe(false);
  });

  it('gives an address the issuer did not verify no session until our e-mailed link verifies it; the grant comes then', async () => {
    const person = atIssuer({ email_verified: false });
    const browser = newBrowser();
    const landing = new URL(await signIn(browser, person.login));
    expect(landing.pathname).toBe('/sign-in');
    expect(landing.searchParams.get('error')).toBe('email_not_verified');
    expect(sessionCookie(browser)).toBe(false);
    const [row] = await rowsOf(t.deps.db, tables.user, eq(tables.user.email, person.email));
    expect(row).toMatchObject({ emailVerified: false });
    expect(await grantsOf(row!.id)).toEqual([]);

    const verified = await followLink(t, latestLink(t, person.email, '/verify-email'));
    expect(verified.statusCode).toBe(302);
    expect(await grantsOf(row!.id)).toHaveLength(1);
    // Signing in with the issuer now works (our verification stands), and grants nothing more.
    expect(await signIn(browser, person.login)).toBe(`${PUBLIC_URL}/create`);
    expect((await me(browser)).body).toMatchObject({ id: row!.id, ageConfirmed: false, credits: SIGNUP_CREDITS });
    expect(await grantsOf(row!.id)).toHaveLength(1);
  });

  it('gives no second grant to an address that had one, even on a new account after deletion', async () => {
    const person = atIssuer();
    const browser = newBrowser();
    await signIn(browser, person.login);
    const { body: first } = await me(browser);
    expect(first.signupGrant).toBe('granted');
    // No password to give: a sign-in within the last minutes confirms it is the holder.
    const erased = await t.app.inject({
      method: 'DELETE',
      url: '/api/me',
      headers: { cookie: browser.appCookie(), origin: t.origin },
      payload: {},
    });
    expect(erased.statusCode, erased.body).toBe(204);

    browser.clear();
    expect(await signIn(browser, person.login)).toBe(`${PUBLIC_URL}/welcome`);
    const { body: second } = await me(browser);
    expect(second.id).not.toBe(first.id);
    expect(second).toMatchObject({ signupGrant: 'address_already_granted', credits: 0 });
  });

  it('signs in only through the redirect flow: an ID token posted to the sign-in endpoint is refused', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in/social',
      headers: { origin: t.origin },
      payload: { provider: 'oidc', idToken: { token: 'eyJhbGciOiJub25lIn0.e30.' } },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('ID_TOKEN_SIGN_IN_DISABLED');
  });
});

describe('Google, Discord and GitHub beside an OpenID Connect issuer that is down when the server starts', () => {
  let t: TestApp;

  beforeAll(async () => {
    // A port nobody listens on: discovery is refused at start-up.
    const closed = await startOidcIssuer({ redirectUris: [CALLBACK] });
    const { issuer, clientId, clientSecret } = closed;
    await closed.close();
    t = await buildTestApp({
      env: {
        PUBLIC_URL,
        OIDC_ISSUER: issuer,
        OIDC_CLIENT_ID: clientId,
        OIDC_CLIENT_SECRET: clientSecret,
        GITHUB_CLIENT_ID: 'gh-client',
        GITHUB_CLIENT_SECRET: 'gh-secret',
        DISCORD_CLIENT_ID: '1234567890',
        DISCORD_CLIENT_SECRET: 'discord-secret',
        GOOGLE_CLIENT_ID: 'g-client.apps.googleusercontent.com',
        GOOGLE_CLIENT_SECRET: 'g-secret',
      },
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('still signs people up with e-mail and password, and answers a sign-in with the issuer with a clear error', async () => {
    const user = await givenVerifiedUser(t);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: user.cookie } })).statusCode).toBe(200);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in/social',
      headers: { origin: t.origin },
      payload: { provider: 'oidc', callbackURL: '/create', disableRedirect: true },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('PROVIDER_NOT_FOUND');
  });

  it('offers each configured provider, and sends each to its own page with our callback for it', async () => {
    const meta = await t.app.inject({ method: 'GET', url: '/api/meta' });
    expect(meta.json().signInProviders).toEqual([
      { id: 'google', name: 'Google' },
      { id: 'discord', name: 'Discord' },
      { id: 'github', name: 'GitHub' },
      { id: 'oidc', name: null },
    ]);
    const pages = { google: 'https://accounts.google.com/', discord: 'https://discord.com/', github: 'https://github.com/' };
    for (const [provider, page] of Object.entries(pages)) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in/social',
        headers: { origin: t.origin },
        payload: { provider, callbackURL: '/create', disableRedirect: true },
        remoteAddress: `10.9.${provider.length}.1`,
      });
      expect(res.statusCode, res.body).toBe(200);
      const url = new URL(res.json().url);
      expect(url.toString().startsWith(page), url.toString()).toBe(true);
      expect(url.searchParams.get('redirect_uri')).toBe(`${PUBLIC_URL}/api/auth/callback/${provider}`);
      expect(url.searchParams.get('state')).toBeTruthy();
    }
  });
});
