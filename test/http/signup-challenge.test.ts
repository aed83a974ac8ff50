/**
 * The optional sign-up proof-of-work (SIGNUP_CHALLENGE=altcha): the browser's
 * own solver (web/src/api/signup-proof.ts) against the server's check. A
 * sign-up without a solution, with a forged one, or with one already spent
 * makes no account.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solveChallenge } from '../../web/src/api/signup-proof.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { countOf } from '../helpers/tables.js';
import { signUp, uniqueEmail } from '../helpers/users.js';

describe('the sign-up proof-of-work', () => {
  let t: TestApp;
  const accounts = (email: string) => countOf(t.deps.db, sql`select count(*)::int as n from "user" where email = ${email}`);
  const challenge = async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/signup-challenge' });
    expect(res.headers['cache-control']).toBe('no-store');
    return res.json();
  };
  const form = (email: string, altcha?: string) => ({ email, password: 'correct horse battery', name: 'Aoi', ageConfirmed: true, altcha });

  beforeAll(async () => {
    t = await buildTestApp({ worker: false, env: { SIGNUP_CHALLENGE: 'altcha', SIGNUP_CHALLENGE_MAX_NUMBER: '2000' } });
  });
  afterAll(() => t?.close());

  it('asks for a solved challenge, accepts each solution once and refuses forgeries', async () => {
    const offered = await challenge();
    expect(offered).toMatchObject({ enabled: true, challenge: { algorithm: 'SHA-256', maxnumber: 2000 } });

    const without = uniqueEmail();
    const refused = await signUp(t, form(without));
    expect([refused.statusCode, refused.json().code]).toEqual([400, 'CHALLENGE_FAILED']);
    expect(await accounts(without)).toBe(0);

    const solution = await solveChallenge(offered.challenge);
    const first = uniqueEmail();
    expect((await signUp(t, form(first, solution))).statusCode).toBe(200);
    expect(await accounts(first)).toBe(1);

    const replayed = uniqueEmail();
    expect((await signUp(t, form(replayed, solution))).json().code).toBe('CHALLENGE_FAILED');
    expect(await accounts(replayed)).toBe(0);

    // A number that does not solve it, and a challenge we did not sign.
    const fresh = (await challenge()).challenge;
    const decoded = JSON.parse(Buffer.from(await solveChallenge(fresh), 'base64').toString());
    const forged = [
      { ...decoded, number: decoded.number + 1 },
      { ...decoded, signature: decoded.signature.replace(/^./, (c: string) => (c === 'a' ? 'b' : 'a')) },
    ];
    for (const payload of forged) {
      const email = uniqueEmail();
      expect((await signUp(t, form(email, Buffer.from(JSON.stringify(payload)).toString('base64')))).json().code).toBe('CHALLENGE_FAILED');
      expect(await accounts(email)).toBe(0);
    }
    // The genuine one still works: a failed attempt spends nothing.
    expect((await signUp(t, form(uniqueEmail(), Buffer.from(JSON.stringify(decoded)).toString('base64')))).statusCode).toBe(200);
  });

  it('is off unless the operator turns it on', async () => {
    const plain = await buildTestApp({ worker: false });
    try {
      expect((await plain.app.inject({ method: 'GET', url: '/api/signup-challenge' })).json()).toEqual({ enabled: false });
      expect((await signUp(plain, form(uniqueEmail()))).statusCode).toBe(200);
    } finally {
      await plain.close();
    }
  });
});
