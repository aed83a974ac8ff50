import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/lib/clock.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { countOf, rowOf, tables } from '../helpers/tables.js';
import { cookieHeader, followLink, latestLink, signUp, uniqueEmail } from '../helpers/users.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The app's clock, which the daily window is read from; tests move it forward. */
const clock: Clock & { offsetMs: number } = { offsetMs: 0, now: () => new Date(Date.now() + clock.offsetMs) };

/**
 * T8, free-credit farming: the sign-up grant is given only after the address
 * is verified, never to a disposable domain or to a mailbox already granted
 * (dots and +tags aside, erased accounts included), and at most 3 times a day
 * per sign-up network (IPv4 /24, IPv6 /64). The account is made either way.
 */
describe('free sign-up credits and farming (T8)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ clock });
  });
  afterAll(() => t.close());

  const password = 'long enough pw';
  /** A new subnet's first three octets for each test, so tests never share a network. */
  const someNet24 = () => `203.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;

  async function signUpFrom(remoteAddress: string, email = uniqueEmail()) {
    const res = await signUp(t, { email, password, name: 'Farmer', ageConfirmed: true }, { remoteAddress });
    expect(res.statusCode).toBe(200);
    return { email, id: res.json().user.id as string };
  }

  /** Follows the e-mailed link; returns the session cookie and what /api/me says about the grant. */
  async function verify(email: string) {
    const res = await followLink(t, latestLink(t, email, '/verify-email'));
    const cookie = cookieHeader(res.headers['set-cookie']);
    expect(cookie).not.toBe('');
    const me = (await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).json();
    return { cookie, credits: me.credits as number, signupGrant: me.signupGrant as string };
  }

  const grantsTo = (ids: string[]) =>
    countOf(
      t.deps.db,
      sql`select count(*)::int as n from credit_entries where kind = 'signup_grant' and user_id in (${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )})`,
    );

  it('50 sign-ups from one /24 in an hour get 3 grants; the next day grants resume', async () => {
    const net = someNet24();
    const ids: string[] = [];
    const outcomes: Record<string, number> = {};
    clock.offsetMs = 0;
    try {
      for (let i = 1; i <= 50; i++) {
        clock.offsetMs = i * MINUTE;
        const user = await signUpFrom(`${net}.${i}`);
        ids.push(user.id);
        const { signupGrant } = await verify(user.email);
        outcomes[signupGrant] = (outcomes[signupGrant] ?? 0) + 1;
      }
      const granted = await grantsTo(ids);
      expect(granted).toBe(3);
      expect(outcomes).toEqual({ granted: 3, network_limit: 47 });

      // 25 hours after the first grant, the network's window has moved on.
      clock.offsetMs = 25 * HOUR + MINUTE;
      const nextDay = await signUpFrom(`${net}.200`);
      const after = await verify(nextDay.email);
      expect(after).toMatchObject({ signupGrant: 'granted', credits: t.config.auth.signupCredits });
      console.log(
        `T8 farming: 50 sign-ups from one /24 within 50 min -> ${granted} grants (${outcomes.network_limit} withheld: network_limit); 25 h later -> ${after.signupGrant}`,
      );
    } finally {
      clock.offsetMs = 0;
    }
  });

  it('an IPv6 /64 counts as one network, and an IPv4-mapped address as its IPv4', async () => {
    const hex = randomBytes(2).toString('hex');
    const ids: string[] = [];
    for (let i = 1; i <= 6; i++) {
      const user = await signUpFrom(`2001:db8:${hex}:1::${i.toString(16)}`);
      ids.push(user.id);
      await verify(user.email);
    }
    expect(await grantsTo(ids)).toBe(3);
    // The neighbouring /64 is another household.
    const neighbour = await signUpFrom(`2001:db8:${hex}:2::1`);
    expect((await verify(neighbour.email)).signupGrant).toBe('granted');

    const net = someNet24();
    const mapped: string[] = [];
    for (let i = 1; i <= 4; i++) {
      const user = await signUpFrom(i % 2 ? `${net}.${i}` : `::ffff:${net}.${i}`);
      mapped.push(user.id);
      await verify(user.email);
    }
    expect(await grantsTo(mapped)).toBe(3);
  });

  it('gives nothing to disposable domains (subdomains included), and says why', async () => {
    const ids: string[] = [];
    for (const domain of ['mailinator.com', 'eu.mailinator.com', 'guerrillamail.com']) {
      const user = await signUpFrom(`${someNet24()}.1`, `farm-${randomBytes(4).toString('hex')}@${domain}`);
      ids.push(user.id);
      expect(await verify(user.email)).toMatchObject({ credits: 0, signupGrant: 'disposable_address' });
    }
    expect(await grantsTo(ids)).toBe(0);
  });

  it('gives nothing to an address that normalises to one already granted (a.b+x@gmail.com after ab@gmail.com)', async () => {
    const local = `ab${randomBytes(4).toString('hex')}`;
    const first = await signUpFrom(`${someNet24()}.1`, `${local}@gmail.com`);
    expect((await verify(first.email)).signupGrant).toBe('granted');
    const variants = [`a.${local.slice(1)}+x@gmail.com`, `${local.toUpperCase()}@googlemail.com`, `${local}+farm@gmail.com`];
    const ids: string[] = [];
    for (const email of variants) {
      const user = await signUpFrom(`${someNet24()}.1`, email);
      ids.push(user.id);
      // Better Auth keeps addresses in lower case, so the mail goes there.
      expect(await verify(email.toLowerCase())).toMatchObject({ credits: 0, signupGrant: 'address_already_granted' });
    }
    expect(await grantsTo(ids)).toBe(0);
  });

  it('grants only after verification, and a second click on the link grants nothing more', async () => {
    const user = await signUpFrom(`${someNet24()}.1`);
    expect(await grantsTo([user.id])).toBe(0);
    const row = await rowOf(t.deps.db, tables.signupGrants, eq(tables.signupGrants.userId, user.id));
    expect(row).toMatchObject({ outcome: 'pending', addressHash: null, decidedAt: null });
    expect(row?.networkHash).toEqual(expect.any(String));
    const link = latestLink(t, user.email, '/verify-email');
    await followLink(t, link);
    await followLink(t, link);
    expect(await grantsTo([user.id])).toBe(1);
  });

  it('racing verifications cannot pass the cap: 10 on one /24 and 5 of one mailbox, all at once', async () => {
    const net = someNet24();
    const sameNet = [];
    for (let i = 1; i <= 10; i++) sameNet.push(await signUpFrom(`${net}.${i}`));
    const local = `race${randomBytes(4).toString('hex')}`;
    const sameMailbox = [];
    for (const email of [
      `${local}@gmail.com`,
      `r.${local.slice(1)}@gmail.com`,
      `${local}+1@gmail.com`,
      `${local}+2@gmail.com`,
      `${local}@googlemail.com`,
    ]) {
      sameMailbox.push(await signUpFrom(`${someNet24()}.1`, email));
    }
    const links = [...sameNet, ...sameMailbox].map((u) => latestLink(t, u.email, '/verify-email'));
    const answers = await Promise.all(links.map((link) => followLink(t, link)));
    expect(answers.map((a) => a.statusCode).filter((s) => s !== 302)).toEqual([]);
    const onNet = await grantsTo(sameNet.map((u) => u.id));
    const onMailbox = await grantsTo(sameMailbox.map((u) => u.id));
    expect(onNet).toBe(3);
    expect(onMailbox).toBe(1);
    console.log(`T8 races: 10 parallel verifications on one /24 -> ${onNet} grants; 5 of one Gmail mailbox -> ${onMailbox}`);
  });

  it('an erased account keeps only an unlinked address hash: signing up again with that mailbox gets no second grant', async () => {
    const email = uniqueEmail('erased');
    const first = await signUpFrom(`${someNet24()}.1`, email);
    const { cookie } = await verify(email);
    const erased = await t.app.inject({ method: 'DELETE', url: '/api/me', headers: { cookie, origin: t.origin }, payload: { password } });
    expect(erased.statusCode).toBe(204);
    expect(await rowOf(t.deps.db, tables.signupGrants, eq(tables.signupGrants.userId, first.id))).toBeUndefined();
    expect(
      await countOf(
        t.deps.db,
        sql`select count(*)::int as n from signup_grants where user_id is null and outcome = 'granted' and address_hash is not null`,
      ),
    ).toBeGreaterThanOrEqual(1);

    const again = await signUpFrom(`${someNet24()}.1`, email.replace('@', '+again@'));
    expect(await verify(again.email)).toMatchObject({ credits: 0, signupGrant: 'address_already_granted' });
  });
});
