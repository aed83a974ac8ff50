import type { BrowserContext } from 'playwright-core';
import { totp } from './totp.js';
import { newUser, type TestUser } from './ui.js';

/**
 * A verified account made through the HTTP API (sign-up, the dev mailbox's
 * link), for journeys that are about something else than signing up. Returns
 * the session cookies the verification link set.
 */
export async function verifiedUserViaApi(baseUrl: string, user: TestUser): Promise<string[]> {
  const signUp = await fetch(`${baseUrl}/api/auth/sign-up/email`, {
    method: 'POST',
    headers: { origin: baseUrl, 'content-type': 'application/json' },
    body: JSON.stringify({ email: user.email, password: user.password, name: user.name, ageConfirmed: true }),
  });
  if (!signUp.ok) throw new Error(`sign-up: ${signUp.status} ${await signUp.text()}`);
  const mail = (await (await fetch(`${baseUrl}/api/dev/mail`)).json()) as { messages: { to: string; links: string[] }[] };
  const link = mail.messages.find((m) => m.to === user.email)?.links.find((l) => l.includes('/verify-email'));
  if (!link) throw new Error(`no verification e-mail for ${user.email}`);
  const verified = await fetch(link, { redirect: 'manual' });
  return verified.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .filter((c) => !c.endsWith('='));
}

/** A verified account, signed in in `context`. */
export async function signedInViaApi(baseUrl: string, context: BrowserContext, tag: string) {
  const user = newUser(tag);
  const cookies = await verifiedUserViaApi(baseUrl, user);
  await context.addCookies(
    cookies.map((c) => {
      const at = c.indexOf('=');
      return { name: c.slice(0, at), value: c.slice(at + 1), url: baseUrl };
    }),
  );
  return { ...user, cookie: cookies.join('; ') };
}

/**
 * Turns on two-factor sign-in for a signed-in account through the HTTP API,
 * as Settings → Security does (password, then a first code from the app).
 * Confirming replaces the session, so this returns the new session cookies
 * and the authenticator secret for later codes.
 */
export async function twoFactorOnViaApi(
  baseUrl: string,
  user: TestUser,
  cookies: string[],
): Promise<{ cookies: string[]; secret: string }> {
  const headers = { origin: baseUrl, 'content-type': 'application/json', cookie: cookies.join('; ') };
  const enable = await fetch(`${baseUrl}/api/auth/two-factor/enable`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ password: user.password }),
  });
  if (!enable.ok) throw new Error(`two-factor enable: ${enable.status} ${await enable.text()}`);
  const { totpURI } = (await enable.json()) as { totpURI: string };
  const secret = new URL(totpURI).searchParams.get('secret') ?? '';
  const verify = await fetch(`${baseUrl}/api/auth/two-factor/verify-totp`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ code: totp(secret) }),
  });
  if (!verify.ok) throw new Error(`two-factor confirm: ${verify.status} ${await verify.text()}`);
  const set = verify.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .filter((c) => !c.endsWith('='));
  // Cookies the answer did not replace stay as they were.
  const names = new Set(set.map((c) => c.slice(0, c.indexOf('='))));
  return { cookies: [...cookies.filter((c) => !names.has(c.slice(0, c.indexOf('=')))), ...set], secret };
}
