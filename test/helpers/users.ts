import { randomBytes } from 'node:crypto';
import type { TestApp } from './app.js';

export interface TestUser {
  id: string;
  email: string;
  password: string;
  /** The Cookie header of a signed-in session. */
  cookie: string;
}

const cookieHeader = (setCookie: string | string[] | undefined) =>
  (Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [])
    .map((c) => c.split(';')[0])
    .filter((c) => !c?.endsWith('='))
    .join('; ');

export const uniqueEmail = (prefix = 'user') => `${prefix}-${randomBytes(5).toString('hex')}@example.com`;

/** A different client address for each new user, so per-address rate limits never mix test users. */
const someAddress = () => `198.18.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;

/** POST /api/auth/sign-up/email as a browser on our origin would. */
export function signUp(t: TestApp, body: Record<string, unknown>) {
  return t.app.inject({
    method: 'POST',
    url: '/api/auth/sign-up/email',
    headers: { origin: t.origin },
    payload: body,
    remoteAddress: someAddress(),
  });
}

/** The newest link in the dev mailbox for `email` whose path contains `pathPart`. */
export function latestLink(t: TestApp, email: string, pathPart: string): string {
  const mail = t.deps.devMailbox?.list().find((m) => m.to === email && m.links.some((l) => l.includes(pathPart)));
  const link = mail?.links.find((l) => l.includes(pathPart));
  if (!link) throw new Error(`no ${pathPart} e-mail for ${email}`);
  return link;
}

/** Follows a link from an e-mail through the app; returns the response. */
export function followLink(t: TestApp, link: string, cookie?: string) {
  const url = new URL(link);
  return t.app.inject({ method: 'GET', url: url.pathname + url.search, headers: cookie ? { cookie } : {} });
}

/** A new account that signed up, verified its e-mail (and so got its grant) and is signed in. */
export async function givenVerifiedUser(t: TestApp, opts: { name?: string; password?: string } = {}): Promise<TestUser> {
  const email = uniqueEmail();
  const password = opts.password ?? 'correct horse battery';
  const res = await signUp(t, { email, password, name: opts.name ?? 'Test User', ageConfirmed: true });
  if (res.statusCode !== 200) throw new Error(`sign-up failed: ${res.statusCode} ${res.body}`);
  const verified = await followLink(t, latestLink(t, email, '/verify-email'));
  const cookie = cookieHeader(verified.headers['set-cookie']);
  if (!cookie) throw new Error(`verification gave no session: ${verified.statusCode} ${verified.body}`);
  const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
  return { id: me.json().id, email, password, cookie };
}

export { cookieHeader };
