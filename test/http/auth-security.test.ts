import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { countOf } from '../helpers/tables.js';
import { secretOf, totp } from '../helpers/totp.js';
import { cookieHeader, followLink, givenVerifiedUser, latestLink, uniqueEmail } from '../helpers/users.js';

describe('account security', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ worker: false, env: { AUTH_RATE_LIMIT: '1' } });
  });
  afterAll(() => t.close());

  const post = (url: string, payload: object, headers: Record<string, string> = {}, remoteAddress = '198.51.100.7') =>
    t.app.inject({ method: 'POST', url, payload, remoteAddress, headers: { origin: t.origin, ...headers } });

  it('rate-limits password guessing per address, shared in the database, without locking the victim out', async () => {
    const victim = await givenVerifiedUser(t);
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++)
      statuses.push(
        (await post('/api/auth/sign-in/email', { email: victim.email, password: `guess-${i}-wrong` }, {}, '203.0.113.9')).statusCode,
      );
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(17);
    expect(await countOf(t.deps.db, sql`select count(*)::int as n from rate_limit`)).toBeGreaterThan(0);
    const fromHome = await post('/api/auth/sign-in/email', { email: victim.email, password: victim.password }, {}, '192.0.2.44');
    expect(fromHome.statusCode).toBe(200);
    // A client cannot choose its own address for the limiter.
    const spoofed = await post(
      '/api/auth/sign-in/email',
      { email: victim.email, password: 'still-wrong' },
      { 'x-animegen-client-ip': '192.0.2.99' },
      '203.0.113.9',
    );
    expect(spoofed.statusCode).toBe(429);
  });

  it('signs in with two factors once enabled: TOTP, then a backup code that works once', async () => {
    const user = await givenVerifiedUser(t);
    const enable = await post('/api/auth/two-factor/enable', { password: user.password }, { cookie: user.cookie }, '192.0.2.10');
    expect(enable.statusCode).toBe(200);
    const { totpURI, backupCodes } = enable.json();
    expect(totpURI).toMatch(/^otpauth:\/\/totp\/AnimeGen/);
    const confirm = await post(
      '/api/auth/two-factor/verify-totp',
      { code: totp(secretOf(totpURI)) },
      { cookie: user.cookie },
      '192.0.2.10',
    );
    expect(confirm.statusCode).toBe(200);
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { cookie: cookieHeader(confirm.headers['set-cookie']) || user.cookie },
    });
    expect(me.json().twoFactorEnabled).toBe(true);

    const first = await post('/api/auth/sign-in/email', { email: user.email, password: user.password }, {}, '192.0.2.11');
    expect(first.json()).toMatchObject({ twoFactorRedirect: true });
    const pending = cookieHeader(first.headers['set-cookie']);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: pending } })).statusCode).toBe(401);
    const second = await post('/api/auth/two-factor/verify-totp', { code: totp(secretOf(totpURI)) }, { cookie: pending }, '192.0.2.11');
    expect(second.statusCode).toBe(200);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: cookieHeader(second.headers['set-cookie']) } })).statusCode,
    ).toBe(200);

    const again = await post('/api/auth/sign-in/email', { email: user.email, password: user.password }, {}, '192.0.2.12');
    const pending2 = cookieHeader(again.headers['set-cookie']);
    const backup = await post('/api/auth/two-factor/verify-backup-code', { code: backupCodes[0] }, { cookie: pending2 }, '192.0.2.12');
    expect(backup.statusCode).toBe(200);
    const third = await post('/api/auth/sign-in/email', { email: user.email, password: user.password }, {}, '192.0.2.13');
    const reused = await post(
      '/api/auth/two-factor/verify-backup-code',
      { code: backupCodes[0] },
      { cookie: cookieHeader(third.headers['set-cookie']) },
      '192.0.2.13',
    );
    expect(reused.statusCode).toBe(401);
  });

  it('changes the e-mail only from a fresh sign-in and only once the new address is verified', async () => {
    const user = await givenVerifiedUser(t);
    const newEmail = uniqueEmail('moved');
    await t.deps.db.execute(sql`update session set created_at = now() - interval '1 hour' where user_id = ${user.id}`);
    const stale = await post('/api/auth/change-email', { newEmail, callbackURL: '/settings' }, { cookie: user.cookie }, '192.0.2.20');
    expect(stale.statusCode).toBe(403);
    expect(stale.json().code).toBe('SESSION_NOT_FRESH');

    const fresh = cookieHeader(
      (await post('/api/auth/sign-in/email', { email: user.email, password: user.password }, {}, '192.0.2.21')).headers['set-cookie'],
    );
    expect((await post('/api/auth/change-email', { newEmail, callbackURL: '/settings' }, { cookie: fresh }, '192.0.2.21')).statusCode).toBe(
      200,
    );
    const before = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: fresh } });
    expect(before.json().email).toBe(user.email);
    await followLink(t, latestLink(t, newEmail, '/verify-email'), fresh);
    const after = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: fresh } });
    expect(after.json().email).toBe(newEmail);
  });

  it('changes the password and can sign out every other device', async () => {
    const user = await givenVerifiedUser(t);
    const other = cookieHeader(
      (await post('/api/auth/sign-in/email', { email: user.email, password: user.password }, {}, '192.0.2.30')).headers['set-cookie'],
    );
    const change = await post(
      '/api/auth/change-password',
      { currentPassword: user.password, newPassword: 'an entirely new passphrase', revokeOtherSessions: true },
      { cookie: user.cookie },
      '192.0.2.31',
    );
    expect(change.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: other } })).statusCode).toBe(401);
  });

  it('sets exactly one session cookie: HttpOnly, SameSite=Lax, path /', async () => {
    const user = await givenVerifiedUser(t);
    const res = await post('/api/auth/sign-in/email', { email: user.email, password: user.password }, {}, '192.0.2.40');
    const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    const session = cookies.filter((c) => c.startsWith('animegen.session_token='));
    expect(session).toHaveLength(1);
    expect(session[0]).toMatch(/HttpOnly/i);
    expect(session[0]).toMatch(/SameSite=Lax/i);
    expect(session[0]).toMatch(/Path=\//i);
    expect(session[0]).not.toMatch(/Secure/i); // plain http://localhost
  });
});

describe('behind TLS', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ worker: false, env: { PUBLIC_URL: 'https://animegen.example' } });
  });
  afterAll(() => t.close());

  it('marks the session cookie Secure with the __Secure- prefix and sends HSTS', async () => {
    const user = await givenVerifiedUser(t);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in/email',
      headers: { origin: t.origin },
      payload: { email: user.email, password: user.password },
    });
    const session = ([] as string[]).concat(res.headers['set-cookie'] ?? []).filter((c) => c.includes('session_token='));
    expect(session).toHaveLength(1);
    expect(session[0]).toMatch(/^__Secure-animegen\.session_token=/);
    expect(session[0]).toMatch(/; Secure/i);
    const page = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(page.headers['strict-transport-security']).toMatch(/max-age=31536000/);
  });
});
