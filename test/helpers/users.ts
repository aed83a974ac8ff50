import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { OperatorRole } from '../../src/contracts/operators.js';
import { getBalance, grantCredits, takeBackCredits } from '../../src/credits/index.js';
import type { TestApp } from './app.js';

export interface TestUser {
  id: string;
  email: string;
  password: string;
  /** The Cookie header of a signed-in session. */
  cookie: string;
  /** The balance the account started the test with (stated by the test or the helper, not the server's default grant). */
  credits: number;
}

const cookieHeader = (setCookie: string | string[] | undefined) =>
  (Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [])
    .map((c) => c.split(';')[0])
    .filter((c) => !c?.endsWith('='))
    .join('; ');

export const uniqueEmail = (prefix = 'user') => `${prefix}-${randomBytes(5).toString('hex')}@example.com`;

/**
 * A different client address for each new user, so per-address rate limits
 * and the per-network cap on free grants (a /24 gets 3 a day) never mix test
 * users: one of 65,536 networks in 10.0.0.0/8.
 */
const someAddress = () => {
  const [a, b, c] = randomBytes(3);
  return `10.${a}.${b}.${c}`;
};

/** POST /api/auth/sign-up/email as a browser on our origin would (from `remoteAddress`, else a fresh network). */
export function signUp(t: TestApp, body: Record<string, unknown>, opts: { remoteAddress?: string } = {}) {
  return t.app.inject({
    method: 'POST',
    url: '/api/auth/sign-up/email',
    headers: { origin: t.origin },
    payload: body,
    remoteAddress: opts.remoteAddress ?? someAddress(),
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

/** What a test user starts with unless the test says otherwise. */
export const STARTING_CREDITS = 20;

/**
 * A new account that signed up, verified its e-mail and is signed in, with
 * exactly `credits` (default STARTING_CREDITS): whatever the sign-up grant
 * gave, the ledger is moved to that balance by an operator adjustment.
 */
export async function givenVerifiedUser(t: TestApp, opts: { name?: string; password?: string; credits?: number } = {}): Promise<TestUser> {
  const email = uniqueEmail();
  const password = opts.password ?? 'correct horse battery';
  const res = await signUp(t, { email, password, name: opts.name ?? 'Test User', ageConfirmed: true });
  if (res.statusCode !== 200) throw new Error(`sign-up failed: ${res.statusCode} ${res.body}`);
  const verified = await followLink(t, latestLink(t, email, '/verify-email'));
  const cookie = cookieHeader(verified.headers['set-cookie']);
  if (!cookie) throw new Error(`verification gave no session: ${verified.statusCode} ${verified.body}`);
  const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
  const credits = opts.credits ?? STARTING_CREDITS;
  await givenCredits(t, me.json().id, credits);
  return { id: me.json().id, email, password, cookie, credits };
}

/** Moves the user's balance to exactly `amount` through the ledger (an admin adjustment; nothing when it already is). */
export async function givenCredits(t: TestApp, userId: string, amount: number): Promise<void> {
  const difference = amount - (await getBalance(t.deps.db, userId));
  const adjustment = { userId, kind: 'admin_adjustment' as const, reference: `test-${randomUUID()}` };
  if (difference > 0) await grantCredits(t.deps.db, { ...adjustment, amount: difference });
  if (difference < 0) await t.deps.db.transaction((tx) => takeBackCredits(tx, { ...adjustment, amount: -difference }));
}

/** Signs `user` out through Better Auth (their cookie then names an ended session). */
export function signOut(t: TestApp, user: TestUser) {
  return t.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: { cookie: user.cookie, origin: t.origin }, payload: {} });
}

export { cookieHeader };

/**
 * A signed-in operator with `role` (default admin) whose account has two-factor
 * sign-in on, as the console requires (`twoFactor: false` for an operator who
 * has not turned it on yet).
 */
export async function givenOperator(
  t: TestApp,
  opts: { role?: OperatorRole; twoFactor?: boolean; credits?: number } = {},
): Promise<TestUser & { role: OperatorRole }> {
  const user = await givenVerifiedUser(t, { credits: opts.credits });
  const role = opts.role ?? 'admin';
  await t.deps.db.execute(sql`update "user" set role = ${role}, two_factor_enabled = ${opts.twoFactor ?? true} where id = ${user.id}`);
  return { ...user, role };
}
