import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { suspendAccount, unsuspendAccount } from '../../src/accounts/index.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { countOf } from '../helpers/tables.js';
import { secretOf, totp } from '../helpers/totp.js';
import { cookieHeader, givenOperator, givenVerifiedUser, type TestUser } from '../helpers/users.js';
import { createSoftPasskey, type SoftPasskey } from '../helpers/webauthn.js';

/**
 * Passkeys through Better Auth's plugin, with a software authenticator: adding
 * and removing one needs a fresh sign-in, and a passkey sign-in is held to
 * every rule a password sign-in is (suspension, verified address, the TOTP
 * step for accounts with two-factor on, which the operator console relies on).
 */
describe('passkeys', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ worker: false });
  });
  afterAll(() => t.close());

  /** Cookie headers joined, a later cookie replacing an earlier one of the same name. */
  const merge = (...headers: string[]) => {
    const byName = new Map<string, string>();
    for (const c of headers.flatMap((h) => h.split('; ')).filter(Boolean)) byName.set(c.slice(0, c.indexOf('=')), c);
    return [...byName.values()].join('; ');
  };
  const get = (url: string, cookie = '') => t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
  const post = (url: string, payload: object, cookie = '') =>
    t.app.inject({ method: 'POST', url, payload, headers: { origin: t.origin, ...(cookie ? { cookie } : {}) } });

  /** Settings → Add a passkey: options, the authenticator, verification. */
  async function addPasskey(cookie: string, key: SoftPasskey = createSoftPasskey()) {
    const options = await get('/api/auth/passkey/generate-register-options', cookie);
    if (options.statusCode !== 200) return { key, res: options };
    const res = await post(
      '/api/auth/passkey/verify-registration',
      { response: key.register(options.json(), t.origin), name: 'Laptop' },
      merge(cookie, cookieHeader(options.headers['set-cookie'])),
    );
    return { key, res };
  }

  /** Sign in → Sign in with a passkey, signed out. */
  async function signInWith(key: SoftPasskey) {
    const options = await get('/api/auth/passkey/generate-authenticate-options');
    expect(options.statusCode).toBe(200);
    // The challenge rides in a short-lived HttpOnly cookie (named in the cookie notice).
    expect(String(options.headers['set-cookie'])).toMatch(/^animegen\.better-auth-passkey=[^;]+;.*Max-Age=300;.*HttpOnly/i);
    const res = await post(
      '/api/auth/passkey/verify-authentication',
      { response: key.assert(options.json(), t.origin) },
      cookieHeader(options.headers['set-cookie']),
    );
    return { res, cookie: cookieHeader(res.headers['set-cookie']) };
  }

  const passkeysOf = async (cookie: string) => (await get('/api/auth/passkey/list-user-passkeys', cookie)).json();
  const ageSessions = (user: TestUser) =>
    t.deps.db.execute(sql`update session set created_at = now() - interval '1 hour' where user_id = ${user.id}`);

  it('adds one, signs in with it, lists it with when it was last used, renames it; removed, it no longer signs in', async () => {
    const user = await givenVerifiedUser(t);
    const { key, res } = await addPasskey(user.cookie);
    expect(res.statusCode).toBe(200);
    const [listed] = await passkeysOf(user.cookie);
    expect(listed).toMatchObject({ name: 'Laptop', lastUsedAt: null, backedUp: true });
    expect(listed.createdAt).toBeTruthy();

    const signedIn = await signInWith(key);
    expect(signedIn.res.statusCode).toBe(200);
    expect((await get('/api/me', signedIn.cookie)).json()).toMatchObject({ id: user.id, email: user.email });
    const [used] = await passkeysOf(signedIn.cookie);
    expect(Date.now() - new Date(used.lastUsedAt).getTime()).toBeLessThan(60_000);

    expect((await post('/api/auth/passkey/update-passkey', { id: used.id, name: 'Work laptop' }, user.cookie)).statusCode).toBe(200);
    const tooLong = await post('/api/auth/passkey/update-passkey', { id: used.id, name: 'x'.repeat(81) }, user.cookie);
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().code).toBe('INVALID_NAME');
    expect((await passkeysOf(user.cookie))[0].name).toBe('Work laptop');

    // Someone else's passkey is not theirs to remove.
    const stranger = await givenVerifiedUser(t);
    expect((await post('/api/auth/passkey/delete-passkey', { id: used.id }, stranger.cookie)).statusCode).toBe(401);
    expect((await post('/api/auth/passkey/delete-passkey', { id: used.id }, user.cookie)).statusCode).toBe(200);
    expect(await passkeysOf(user.cookie)).toEqual([]);
    const after = await signInWith(key);
    expect(after.res.statusCode).toBe(401);
    expect(after.res.json().code).toBe('PASSKEY_NOT_FOUND');
    expect(after.cookie).not.toContain('session_token');
  });

  it('adds or removes one only from a fresh sign-in, and never without a session', async () => {
    const user = await givenVerifiedUser(t);
    const { res } = await addPasskey(user.cookie);
    const id = res.json().id as string;
    expect((await get('/api/auth/passkey/generate-register-options')).statusCode).toBe(401);
    expect((await post('/api/auth/passkey/delete-passkey', { id })).statusCode).toBe(401);
    expect((await get('/api/auth/passkey/list-user-passkeys')).statusCode).toBe(401);

    await ageSessions(user);
    const add = (await addPasskey(user.cookie)).res;
    expect(add.statusCode).toBe(403);
    expect(add.json()).toMatchObject({ code: 'SESSION_NOT_FRESH', message: 'Please sign in again before adding a passkey.' });
    const remove = await post('/api/auth/passkey/delete-passkey', { id }, user.cookie);
    expect(remove.statusCode).toBe(403);
    expect(remove.json()).toMatchObject({ code: 'SESSION_NOT_FRESH', message: 'Please sign in again before removing a passkey.' });
    // Seeing them is not a change: a stale session still lists them.
    expect(await passkeysOf(user.cookie)).toHaveLength(1);
  });

  it('refuses a suspended account with the password sign-in’s message, and an unverified address', async () => {
    const user = await givenVerifiedUser(t);
    const { key } = await addPasskey(user.cookie);
    await suspendAccount(t.deps.db, { userId: user.id, reason: 'test', now: new Date() });
    const byPassword = await post('/api/auth/sign-in/email', { email: user.email, password: user.password });
    const suspended = await signInWith(key);
    expect(suspended.res.statusCode).toBe(403);
    expect(suspended.res.json()).toEqual({ code: 'ACCOUNT_SUSPENDED', message: byPassword.json().message });
    expect(await countOf(t.deps.db, sql`select count(*)::int as n from session where user_id = ${user.id}`)).toBe(0);

    await unsuspendAccount(t.deps.db, { userId: user.id, now: new Date() });
    await t.deps.db.execute(sql`update "user" set email_verified = false where id = ${user.id}`);
    const unverified = await signInWith(key);
    expect(unverified.res.statusCode).toBe(403);
    expect(unverified.res.json().code).toBe('EMAIL_NOT_VERIFIED');
    expect(await countOf(t.deps.db, sql`select count(*)::int as n from session where user_id = ${user.id}`)).toBe(0);
  });

  it('asks for the TOTP code after a passkey when two-factor is on: the console opens only after it', async () => {
    const operator = await givenOperator(t, { twoFactor: false });
    const enable = await post('/api/auth/two-factor/enable', { password: operator.password }, operator.cookie);
    const secret = secretOf(enable.json().totpURI);
    const confirmed = await post('/api/auth/two-factor/verify-totp', { code: totp(secret) }, operator.cookie);
    expect(confirmed.statusCode).toBe(200);
    const cookie = merge(operator.cookie, cookieHeader(confirmed.headers['set-cookie']));
    const { key, res } = await addPasskey(cookie);
    expect(res.statusCode).toBe(200);

    const first = await signInWith(key);
    expect(first.res.json()).toMatchObject({ twoFactorRedirect: true });
    expect((await get('/api/me', first.cookie)).statusCode).toBe(401);
    expect((await get('/api/admin/stats', first.cookie)).statusCode).toBe(401);
    const second = await post('/api/auth/two-factor/verify-totp', { code: totp(secret) }, first.cookie);
    expect(second.statusCode).toBe(200);
    expect((await get('/api/admin/stats', cookieHeader(second.headers['set-cookie']))).statusCode).toBe(200);

    // An operator without two-factor: a passkey alone does not open the console.
    const other = await givenOperator(t, { twoFactor: false });
    const single = await signInWith((await addPasskey(other.cookie)).key);
    expect(single.res.statusCode).toBe(200);
    const console = await get('/api/admin/stats', single.cookie);
    expect(console.statusCode).toBe(403);
    expect(console.json().error.code).toBe('two_factor_required');
  });
});
