/**
 * Mass assignment. Random extra keys that name privileged fields (role,
 * balance, emailVerified, userId, status, ...) with random JSON values are
 * added to the body of every write route a user can call. Strict schemas
 * refuse them (400/422); the one route without a body schema ignores them;
 * sign-up ignores them. Afterwards the account's role, verification,
 * two-factor flag, balance and ledger moved only by the accepted requests.
 */
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BillingTestApp, buildBillingTestApp, givenCheckout } from '../helpers/billing.js';
import { balanceOf } from '../helpers/generations.js';
import { ledgerOf } from '../helpers/ledger.js';
import { tables } from '../helpers/tables.js';
import { givenVerifiedUser, signUp, type TestUser, uniqueEmail } from '../helpers/users.js';

const PRIVILEGED = [
  'balance',
  'role',
  'emailVerified',
  'userId',
  'credits',
  'status',
  'deletedAt',
  'id',
  'costCredits',
  'twoFactorEnabled',
];
const extraKeys = fc.dictionary(fc.constantFrom(...PRIVILEGED), fc.jsonValue({ maxDepth: 2 }), { minKeys: 1, maxKeys: 4 });
const RUNS = { numRuns: 25 };

type Method = 'POST' | 'PATCH' | 'DELETE';
interface Route {
  method: Method;
  url: string;
  body: Record<string, unknown>;
  /** The status of `body` alone; null when it must never be accepted (it would erase the account). */
  ok: number | null;
}

describe('extra privileged keys in request bodies (mass assignment)', () => {
  let t: BillingTestApp;
  let user: TestUser;
  const as = (method: Method, url: string, payload: object) =>
    t.app.inject({ method, url, payload, headers: { cookie: user.cookie, origin: t.origin } });
  const userRow = async (id: string) => (await t.deps.db.select().from(tables.user).where(eq(tables.user.id, id)))[0]!;

  beforeAll(async () => {
    // Billing on (Stripe fake), so checkout and fulfil are real routes here; no worker, so the ledger moves only by requests.
    t = await buildBillingTestApp();
    user = await givenVerifiedUser(t, { name: 'Plain User' });
  });
  afterAll(() => t?.close());

  it('refuses extra keys on every strict route, and the account and ledger move only by the accepted requests', async () => {
    const ledgerBefore = await ledgerOf(t, user.id);
    const sessionId = await givenCheckout(t, user);
    const strict: Route[] = [
      { method: 'PATCH', url: '/api/me', body: { theme: 'dark' }, ok: 200 },
      { method: 'POST', url: '/api/generations', body: { prompt: 'mass assignment', model: 'nano-banana', aspectRatio: '1:1' }, ok: 202 },
      { method: 'POST', url: '/api/privacy-requests', body: { kind: 'other', message: 'What do you keep about me?' }, ok: 201 },
      { method: 'POST', url: '/api/billing/checkout', body: { packId: 'small' }, ok: 200 },
      { method: 'POST', url: '/api/billing/fulfil', body: { sessionId }, ok: 200 },
      { method: 'POST', url: '/api/me/policy/acknowledge', body: { version: '1.2.0' }, ok: 204 },
      { method: 'DELETE', url: '/api/me', body: { password: user.password }, ok: null },
    ];
    // Controls: each body alone is accepted, so the refusals below are the extra keys' doing.
    const accepted: Record<string, unknown> = {};
    for (const r of strict.filter((r) => r.ok !== null)) {
      const res = await as(r.method, r.url, r.body);
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(r.ok);
      accepted[r.url] = res.body ? res.json() : null;
    }
    const generation = accepted['/api/generations'] as { id: string; cost: number };
    expect(generation.cost).toBe(2);

    for (const r of strict) {
      await fc.assert(
        fc.asyncProperty(extraKeys, async (extra) => {
          const res = await as(r.method, r.url, { ...r.body, ...extra });
          expect([400, 422], `${r.method} ${r.url} ${JSON.stringify(extra)}: ${res.statusCode} ${res.body}`).toContain(res.statusCode);
        }),
        RUNS,
      );
    }

    const me = (await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: user.cookie } })).json();
    expect(me).toMatchObject({
      id: user.id,
      role: 'user',
      emailVerified: true,
      twoFactorEnabled: false,
      name: 'Plain User',
      theme: 'dark',
    });
    expect(me.credits).toBe(20 - 2);
    expect(await balanceOf(t, user)).toBe(user.credits - 2);
    expect(await ledgerOf(t, user.id)).toEqual([
      ...ledgerBefore,
      { kind: 'generation_debit', delta: -2, balanceAfter: 18, reference: generation.id },
    ]);
    expect(await userRow(user.id)).toMatchObject({ role: 'user', emailVerified: true, twoFactorEnabled: false, deletedAt: null });
    const gens = (await t.app.inject({ method: 'GET', url: '/api/generations', headers: { cookie: user.cookie } })).json().items;
    expect(gens.map((g: { id: string; cost: number }) => [g.id, g.cost])).toEqual([[generation.id, 2]]);
    const requests = await t.deps.db.select().from(tables.privacyRequests).where(eq(tables.privacyRequests.userId, user.id));
    expect(requests.map((q) => [q.status, q.email])).toEqual([['open', user.email]]);
    const purchases = await t.deps.db.select().from(tables.purchases).where(eq(tables.purchases.userId, user.id));
    expect(purchases.map((p) => [p.status !== 'paid', p.credits])).toEqual([
      [true, 100],
      [true, 100],
    ]);
  });

  it('ignores extra keys on POST /api/me/exports (no body schema): one export, queued, owned by the caller', async () => {
    const owner = await givenVerifiedUser(t);
    let started = 0;
    await fc.assert(
      fc.asyncProperty(extraKeys, async (extra) => {
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/me/exports',
          payload: extra,
          headers: { cookie: owner.cookie, origin: t.origin },
        });
        if (res.statusCode === 429 || res.statusCode === 400) return; // one an hour; a body the JSON parser refuses
        expect(res.statusCode, res.body).toBe(202);
        started++;
        expect(res.json()).toMatchObject({ status: 'queued', progress: 0, downloadUrl: null });
        expect(res.json().id).not.toEqual(extra.id);
      }),
      RUNS,
    );
    expect(started).toBe(1);
    const rows = await t.deps.db.select().from(tables.dataExports).where(eq(tables.dataExports.userId, owner.id));
    expect(rows.map((r) => r.status)).toEqual(['queued']);
    expect(await balanceOf(t, owner)).toBe(owner.credits);
    expect(await userRow(owner.id)).toMatchObject({ role: 'user', emailVerified: true, twoFactorEnabled: false, deletedAt: null });
  });

  it('ignores extra keys at sign-up: a new account is an unverified user with no credits until it verifies', async () => {
    let created = 0;
    await fc.assert(
      fc.asyncProperty(extraKeys, async (extra) => {
        const email = uniqueEmail('mass');
        const res = await signUp(t, { email, password: 'correct horse battery', name: 'New', ageConfirmed: true, ...extra });
        if (res.statusCode >= 400 && res.statusCode < 500) return;
        expect(res.statusCode, res.body).toBe(200);
        created++;
        const [row] = await t.deps.db.select().from(tables.user).where(eq(tables.user.email, email));
        expect(row).toMatchObject({ role: 'user', emailVerified: false, twoFactorEnabled: false, deletedAt: null });
        expect(row!.id).not.toEqual(extra.id);
        const balance = await t.deps.db.select().from(tables.creditBalances).where(eq(tables.creditBalances.userId, row!.id));
        expect(balance.map((b) => b.balance).filter((n) => n !== 0)).toEqual([]);
      }),
      RUNS,
    );
    expect(created).toBeGreaterThan(0);
  });
});
