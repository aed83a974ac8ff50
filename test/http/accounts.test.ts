import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { cookieHeader, followLink, givenVerifiedUser, latestLink, signOut, signUp, uniqueEmail } from '../helpers/users.js';

describe('accounts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('refuses sign-up without the age confirmation, with a clear message', async () => {
    const res = await signUp(t, { email: uniqueEmail(), password: 'long enough pw', name: 'Kid' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'AGE_CONFIRMATION_REQUIRED' });
    expect(res.json().message).toContain('16');
  });

  it('does not sign in before the e-mail is verified', async () => {
    const email = uniqueEmail();
    await signUp(t, { email, password: 'long enough pw', name: 'Aya', ageConfirmed: true });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in/email',
      headers: { origin: t.origin },
      payload: { email, password: 'long enough pw' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'EMAIL_NOT_VERIFIED' });
  });

  it('grants the sign-up credits once the e-mail is verified, recorded in the ledger', async () => {
    // The grant as configured (SIGNUP_CREDITS), with no adjustment by the test helper.
    const grant = t.config.auth.signupCredits;
    const user = await givenVerifiedUser(t, { name: 'Hana', credits: grant });
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: user.cookie } });
    expect(me.json()).toMatchObject({
      email: user.email,
      name: 'Hana',
      credits: grant,
      emailVerified: true,
      theme: 'system',
      locale: 'en',
    });
    const credits = await t.app.inject({ method: 'GET', url: '/api/credits', headers: { cookie: user.cookie } });
    expect(credits.json().entries).toEqual([expect.objectContaining({ kind: 'signup_grant', delta: grant, balanceAfter: grant })]);
  });

  it('a re-sent verification link lands on the "verified, credits added" page like the first', async () => {
    const email = uniqueEmail();
    await signUp(t, { email, password: 'long enough pw', name: 'Rin', ageConfirmed: true });
    const first = latestLink(t, email, '/verify-email');
    const mails = () => t.deps.devMailbox!.list().filter((m) => m.to === email).length;
    // Signing in before verifying sends the link again; so does asking for it, with or without a landing page.
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in/email',
      headers: { origin: t.origin },
      payload: { email, password: 'long enough pw' },
    });
    expect(signIn.statusCode).toBe(403);
    expect(mails()).toBe(2);
    const resent = latestLink(t, email, '/verify-email');
    const asked = await t.app.inject({
      method: 'POST',
      url: '/api/auth/send-verification-email',
      headers: { origin: t.origin },
      payload: { email },
    });
    expect(asked.statusCode).toBe(200);
    expect(mails()).toBe(3);
    const again = latestLink(t, email, '/verify-email');
    for (const link of [first, resent, again]) expect(new URL(link).searchParams.get('callbackURL')).toBe('/verified');

    const landed = await followLink(t, resent);
    expect(landed.statusCode).toBe(302);
    expect(landed.headers.location).toBe('/verified');
    const cookie = cookieHeader(landed.headers['set-cookie']);
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
    expect(me.json()).toMatchObject({ email, emailVerified: true, credits: t.config.auth.signupCredits });
  });

  it('grants only once even when the verification link is followed twice', async () => {
    const user = await givenVerifiedUser(t, { credits: t.config.auth.signupCredits });
    await followLink(t, latestLink(t, user.email, '/verify-email'));
    const credits = await t.app.inject({ method: 'GET', url: '/api/credits', headers: { cookie: user.cookie } });
    expect(credits.json().balance).toBe(user.credits);
    expect(credits.json().entries).toHaveLength(1);
  });

  it('stores theme, language and display name on the account', async () => {
    const user = await givenVerifiedUser(t);
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/me',
      headers: { cookie: user.cookie, origin: t.origin },
      payload: { theme: 'dark', locale: 'ja', name: 'さくら' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ theme: 'dark', locale: 'ja', name: 'さくら' });
    const bad = await t.app.inject({
      method: 'PATCH',
      url: '/api/me',
      headers: { cookie: user.cookie, origin: t.origin },
      payload: { theme: 'neon' },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error).toMatchObject({ code: 'invalid_input', field: 'theme' });
  });

  it('refuses profile fields that are not editable (no mass assignment)', async () => {
    const user = await givenVerifiedUser(t);
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/me',
      headers: { cookie: user.cookie, origin: t.origin },
      payload: { credits: 9999 },
    });
    expect(res.statusCode).toBe(422);
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: user.cookie } });
    expect(me.json().credits).toBe(user.credits);
  });

  it('answers 401 without a session and after sign-out', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/me' })).statusCode).toBe(401);
    const user = await givenVerifiedUser(t);
    expect((await signOut(t, user)).statusCode).toBe(200);
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: user.cookie } });
    expect(me.statusCode).toBe(401);
    expect(me.json().error.code).toBe('unauthenticated');
  });

  it('rejects a cookie-carrying POST from a foreign origin', async () => {
    const user = await givenVerifiedUser(t);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-out',
      headers: { cookie: user.cookie, origin: 'https://evil.example' },
      payload: {},
    });
    expect(res.statusCode).toBe(403);
  });

  it('resets a forgotten password through the e-mailed link', async () => {
    const user = await givenVerifiedUser(t);
    const ask = await t.app.inject({
      method: 'POST',
      url: '/api/auth/request-password-reset',
      headers: { origin: t.origin },
      payload: { email: user.email, redirectTo: '/reset-password' },
    });
    expect(ask.statusCode).toBe(200);
    const landing = await followLink(t, latestLink(t, user.email, '/reset-password'));
    expect(landing.statusCode).toBe(302);
    const token = new URL(landing.headers.location as string, t.origin).searchParams.get('token');
    expect(token).toBeTruthy();
    const reset = await t.app.inject({
      method: 'POST',
      url: '/api/auth/reset-password',
      headers: { origin: t.origin },
      payload: { token, newPassword: 'a brand new passphrase' },
    });
    expect(reset.statusCode).toBe(200);
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in/email',
      headers: { origin: t.origin },
      payload: { email: user.email, password: 'a brand new passphrase' },
    });
    expect(signIn.statusCode).toBe(200);
    expect(cookieHeader(signIn.headers['set-cookie'])).toContain('animegen');
  });

  it('answers a reset request for an unknown address exactly like a known one', async () => {
    const user = await givenVerifiedUser(t);
    const ask = (email: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/request-password-reset',
        headers: { origin: t.origin },
        payload: { email, redirectTo: '/reset-password' },
      });
    const [known, unknown] = await Promise.all([ask(user.email), ask(uniqueEmail('ghost'))]);
    expect(unknown.statusCode).toBe(known.statusCode);
    expect(unknown.json()).toEqual(known.json());
  });

  it('writes the verification e-mail in the language chosen at sign-up, and refuses unknown languages', async () => {
    const email = uniqueEmail('ja');
    const res = await signUp(t, { email, password: 'long enough pw', name: 'ユキ', ageConfirmed: true, locale: 'ja' });
    expect(res.statusCode).toBe(200);
    const mail = t.deps.devMailbox!.list().find((m) => m.to === email)!;
    expect(mail.subject).toContain('メールアドレスの確認');
    const bad = await signUp(t, { email: uniqueEmail(), password: 'long enough pw', name: 'X', ageConfirmed: true, locale: 'xx' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('INVALID_LOCALE');
  });

  it("closes Better Auth's own update-user endpoint (profile changes are validated by PATCH /api/me)", async () => {
    const user = await givenVerifiedUser(t);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/update-user',
      headers: { cookie: user.cookie, origin: t.origin },
      payload: { locale: 'klingon', name: '' },
    });
    expect(res.statusCode).toBe(404);
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: user.cookie } });
    expect(me.json()).toMatchObject({ locale: 'en', name: 'Test User' });
  });

  it('applies the password rules: 8 to 128 characters, no composition rules, no common passwords', async () => {
    const attempt = (password: string) => signUp(t, { email: uniqueEmail('pw'), password, name: 'P', ageConfirmed: true });
    expect((await attempt('abcdefg')).statusCode).toBe(400);
    expect((await attempt('abcdefgh')).statusCode).toBe(200);
    expect((await attempt('a'.repeat(64))).statusCode).toBe(200);
    expect((await attempt('b'.repeat(128))).statusCode).toBe(200);
    expect((await attempt('c'.repeat(129))).statusCode).toBe(400);
    const common = await attempt('password123');
    expect(common.statusCode).toBe(400);
    expect(common.json().code).toBe('PASSWORD_TOO_COMMON');
  });

  it('lists signed-in devices and signs any of them out at once', async () => {
    const user = await givenVerifiedUser(t);
    const signInFrom = async (ua: string) =>
      cookieHeader(
        (
          await t.app.inject({
            method: 'POST',
            url: '/api/auth/sign-in/email',
            headers: { origin: t.origin, 'user-agent': ua },
            payload: { email: user.email, password: user.password },
          })
        ).headers['set-cookie'],
      );
    const phone = await signInFrom('Phone Browser');
    const laptop = await signInFrom('Laptop Browser');
    const list = (await t.app.inject({ method: 'GET', url: '/api/me/sessions', headers: { cookie: laptop } })).json().sessions;
    expect(list).toHaveLength(3);
    expect(list.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    expect(JSON.stringify(list)).not.toContain(laptop.split('=')[1]!.split('.')[0]);
    const phoneSession = list.find((s: { userAgent: string }) => s.userAgent === 'Phone Browser');

    const stranger = await givenVerifiedUser(t);
    const foreign = await t.app.inject({
      method: 'DELETE',
      url: `/api/me/sessions/${phoneSession.id}`,
      headers: { cookie: stranger.cookie, origin: t.origin },
    });
    expect(foreign.statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: phone } })).statusCode).toBe(200);

    const revoke = await t.app.inject({
      method: 'DELETE',
      url: `/api/me/sessions/${phoneSession.id}`,
      headers: { cookie: laptop, origin: t.origin },
    });
    expect(revoke.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: phone } })).statusCode).toBe(401);

    const others = await t.app.inject({ method: 'DELETE', url: '/api/me/sessions', headers: { cookie: laptop, origin: t.origin } });
    expect(others.json()).toEqual({ revoked: 1 });
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: user.cookie } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: laptop } })).statusCode).toBe(200);
  });

  it('answers a wrong password and an unknown address identically (no account enumeration)', async () => {
    const user = await givenVerifiedUser(t);
    const unverified = uniqueEmail('unverified');
    await signUp(t, { email: unverified, password: 'long enough pw', name: 'U', ageConfirmed: true });
    const signIn = (email: string, password: string) =>
      t.app.inject({ method: 'POST', url: '/api/auth/sign-in/email', headers: { origin: t.origin }, payload: { email, password } });
    const wrong = await signIn(user.email, 'not my password at all');
    const unknown = await signIn(uniqueEmail('nobody'), 'not my password at all');
    const unverifiedWrong = await signIn(unverified, 'not my password at all');
    expect(wrong.statusCode).toBe(401);
    for (const res of [unknown, unverifiedWrong]) {
      expect(res.statusCode).toBe(wrong.statusCode);
      expect(res.json()).toEqual(wrong.json());
    }
  });
});
