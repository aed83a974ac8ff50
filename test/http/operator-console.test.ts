/**
 * The operator console's API: least privilege (every operator route against
 * every role, from a matrix this file states on its own), two-factor for the
 * console, and accountability (each action writes one audit row with the
 * action, which the user's export lists). Money moves once per Idempotency-Key.
 */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { submit } from '../helpers/generations.js';
import { ledgerOf } from '../helpers/ledger.js';
import { rowsOf, tables } from '../helpers/tables.js';
import { givenOperator, givenVerifiedUser, type TestUser } from '../helpers/users.js';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
type Role = 'admin' | 'support' | 'moderator';
const everyone: Role[] = ['admin', 'support', 'moderator'];
const reason = { reason: 'checking the role matrix' };
const byTime = (a: { at: Date }, b: { at: Date }) => a.at.getTime() - b.at.getTime();

/**
 * Who may call what. Written here, not read from the server's table, so a
 * change to either shows up as a failure to look at.
 */
const matrix: Record<string, { roles: Role[]; body?: object; headers?: Record<string, string> }> = {
  'GET /api/admin/stats': { roles: everyone },
  'GET /api/admin/users': { roles: everyone },
  'GET /api/admin/users/:id': { roles: everyone },
  'POST /api/admin/users/:id/credits': {
    roles: ['admin', 'support'],
    body: { delta: 5, reason: 'matrix' },
    headers: { 'idempotency-key': 'matrix-key-1' },
  },
  'POST /api/admin/generations/:id/refund': { roles: ['admin', 'support'], body: reason },
  'POST /api/admin/users/:id/sessions/revoke': { roles: ['admin', 'support'], body: reason },
  'POST /api/admin/users/:id/verification': { roles: ['admin', 'support'], body: reason },
  'POST /api/admin/users/:id/suspend': { roles: ['admin', 'moderator'], body: reason },
  'POST /api/admin/users/:id/unsuspend': { roles: ['admin', 'moderator'], body: reason },
  'DELETE /api/admin/users/:id': { roles: ['admin'], body: reason },
  'POST /api/admin/users/:id/images': { roles: ['admin', 'moderator'], body: reason },
  'GET /api/admin/audit': { roles: ['admin'] },
  'GET /api/admin/moderation': { roles: ['admin', 'moderator'] },
  'POST /api/admin/moderation/:id/release': { roles: ['admin', 'moderator'], body: reason },
  'POST /api/admin/moderation/:id/remove': { roles: ['admin', 'moderator'], body: reason },
  'POST /api/admin/moderation/check': { roles: ['admin', 'moderator'], body: { prompt: 'a quiet lake' } },
  'GET /api/admin/moderation/denylist': { roles: ['admin', 'moderator'] },
  'POST /api/admin/moderation/denylist': { roles: ['admin', 'moderator'], body: { term: 'matrixterm' } },
  'DELETE /api/admin/moderation/denylist/:id': { roles: ['admin', 'moderator'] },
  'GET /api/admin/privacy-requests': { roles: ['admin', 'support'] },
  'PATCH /api/admin/privacy-requests/:id': { roles: ['admin', 'support'], body: { status: 'in_progress' } },
  'GET /api/admin/support': { roles: ['admin', 'support'] },
  'GET /api/admin/support/:id': { roles: ['admin', 'support'] },
  'POST /api/admin/support/:id/reply': { roles: ['admin', 'support'], body: { body: 'We are looking into it.' } },
  'POST /api/admin/support/:id/close': { roles: ['admin', 'support'], body: {} },
  'GET /api/admin/alerts': { roles: ['admin'] },
  'POST /api/admin/alerts/:id/resolve': { roles: ['admin'] },
};

describe('the operator console API', () => {
  let t: TestApp;
  let ops: Record<Role, TestUser>;
  const call = (who: TestUser | null, method: Method, url: string, payload?: object, headers: Record<string, string> = {}) =>
    t.app.inject({ method, url, payload, headers: { origin: t.origin, ...(who ? { cookie: who.cookie } : {}), ...headers } });
  const auditOf = async (userId: string) =>
    (await rowsOf(t.deps.db, tables.auditLog, eq(tables.auditLog.targetUserId, userId))).sort(byTime).map((r) => r.action);

  beforeAll(async () => {
    t = await buildTestApp({ worker: false, env: { MODERATION_STRIKE_LIMIT: '3' } });
    ops = {
      admin: await givenOperator(t, { role: 'admin' }),
      support: await givenOperator(t, { role: 'support' }),
      moderator: await givenOperator(t, { role: 'moderator' }),
    };
  });
  afterAll(() => t?.close());

  it('holds every operator route against every role, and the console needs two-factor', async () => {
    const operatorRoutes = t.routes
      .filter((r) => r.config?.access === 'operator' && r.method !== 'HEAD')
      .map((r) => `${r.method} ${r.url}`);
    expect(operatorRoutes.sort()).toEqual(Object.keys(matrix).sort());
    const customer = await givenVerifiedUser(t);
    const noSecondFactor = await givenOperator(t, { role: 'admin', twoFactor: false });
    let checked = 0;
    for (const [route, rule] of Object.entries(matrix)) {
      const [method, path] = route.split(' ') as [Method, string];
      const url = path.replace(/:id/, randomUUID());
      for (const role of everyone) {
        const res = await call(ops[role], method, url, rule.body, rule.headers);
        if (rule.roles.includes(role)) expect([401, 403], `${role} ${route}: ${res.body}`).not.toContain(res.statusCode);
        else expect([res.statusCode, res.json().error.code], `${role} ${route}`).toEqual([403, 'forbidden']);
        checked++;
      }
      const asCustomer = await call(customer, method, url, rule.body, rule.headers);
      expect([asCustomer.statusCode, asCustomer.json().error.code], `user ${route}`).toEqual([403, 'forbidden']);
      const unprotected = await call(noSecondFactor, method, url, rule.body, rule.headers);
      expect([unprotected.statusCode, unprotected.json().error.code], `no 2FA ${route}`).toEqual([403, 'two_factor_required']);
      expect((await call(null, method, url, rule.body, rule.headers)).statusCode, `signed out ${route}`).toBe(401);
      checked += 3;
    }
    console.log(`role matrix: ${Object.keys(matrix).length} operator routes × 6 callers = ${checked} checks`);
  });

  it('adjusts credits once per Idempotency-Key, with a reason, in the ledger and the audit log together', async () => {
    const user = await givenVerifiedUser(t, { credits: 10 });
    const adjust = (delta: number, key?: string, who = ops.support, target = user.id) =>
      call(
        who,
        'POST',
        `/api/admin/users/${target}/credits`,
        { delta, reason: 'goodwill after an outage' },
        key ? { 'idempotency-key': key } : {},
      );
    const missing = await adjust(50);
    expect([missing.statusCode, missing.json().error.field]).toEqual([422, 'Idempotency-Key']);

    const key = randomUUID();
    const twice = await Promise.all([adjust(50, key), adjust(50, key)]);
    expect(twice.map((r) => r.statusCode)).toEqual([200, 200]);
    expect(twice.map((r) => r.json().applied).sort()).toEqual([false, true]);
    expect(twice.every((r) => r.json().balance === 60)).toBe(true);
    // Taking back stops at zero and says what moved.
    expect((await adjust(-100, randomUUID())).json()).toMatchObject({ applied: true, delta: -60, balance: 0 });
    // The same key for another account is a conflict, not a silent success.
    const other = await givenVerifiedUser(t);
    expect((await adjust(50, key, ops.support, other.id)).statusCode).toBe(409);

    const adjustments = (await ledgerOf(t, user.id)).filter((e) => e.kind === 'admin_adjustment' && !e.reference.startsWith('test-'));
    expect(adjustments.map((e) => e.delta)).toEqual([50, -60]);
    expect(await auditOf(user.id)).toEqual(['credits.adjust', 'credits.adjust']);
    expect((await call(user, 'GET', '/api/me')).json().credits).toBe(0);
  });

  it('refunds a finished generation once, with a reason; a failed one refunded itself already', async () => {
    const user = await givenVerifiedUser(t, { credits: 10 });
    const made = await submit(t, user, { prompt: 'a lighthouse at dusk' });
    const id = made.json().id;
    const refund = () => call(ops.support, 'POST', `/api/admin/generations/${id}/refund`, { reason: 'blurry result' });
    // Still queued (no worker here): it may fail and refund itself, so an operator waits.
    expect((await refund()).statusCode).toBe(409);
    await t.deps.db.execute(sql`update generations set status = 'succeeded' where id = ${id}`);
    expect((await refund()).json()).toEqual({ refunded: made.json().cost, balance: 10 });
    expect((await refund()).statusCode).toBe(409);
    expect((await ledgerOf(t, user.id)).filter((e) => e.kind === 'generation_refund')).toHaveLength(1);
    expect(await auditOf(user.id)).toEqual(['generation.refund']);
  });

  it('suspends, revokes sessions and lifts a suspension with reasons; the user can read what was done in their export', async () => {
    const user = await givenVerifiedUser(t);
    const mod = ops.moderator;
    expect((await call(mod, 'POST', `/api/admin/users/${user.id}/suspend`, { reason: 'spam sign-ups' })).statusCode).toBe(204);
    expect((await call(user, 'GET', '/api/me')).statusCode).toBe(401);
    expect((await call(mod, 'POST', `/api/admin/users/${user.id}/unsuspend`, { reason: 'appeal accepted' })).statusCode).toBe(204);
    const again = await givenSignedIn(user);
    expect((await call(ops.support, 'POST', `/api/admin/users/${user.id}/sessions/revoke`, { reason: 'lost phone' })).json()).toEqual({
      ended: 1,
    });
    expect((await call(again, 'GET', '/api/me')).statusCode).toBe(401);
    expect(await auditOf(user.id)).toEqual(['user.suspend', 'user.unsuspend', 'user.sessions_revoke']);

    const log = await call(ops.admin, 'GET', `/api/admin/audit?user=${encodeURIComponent(user.email)}`);
    expect(
      log.json().entries.map((e: { action: string; actorEmail: string; reason: string }) => [e.action, e.actorEmail, e.reason]),
    ).toEqual([
      ['user.sessions_revoke', ops.support.email, 'lost phone'],
      ['user.unsuspend', mod.email, 'appeal accepted'],
      ['user.suspend', mod.email, 'spam sign-ups'],
    ]);
    const { readPersonalData } = await import('../../src/privacy/owners.js');
    const mine = await readPersonalData(t.deps.db, user.id);
    expect(mine?.operatorActions.map((a) => [a.action, a.actorRole, a.reason])).toEqual([
      ['user.suspend', 'moderator', 'spam sign-ups'],
      ['user.unsuspend', 'moderator', 'appeal accepted'],
      ['user.sessions_revoke', 'support', 'lost phone'],
    ]);
    // Staff are named by role only in the user's copy.
    expect(JSON.stringify(mine?.operatorActions)).not.toContain(mod.id);
  });

  it('keeps the audit log append-only, in the database itself', async () => {
    const refusal = async (statement: Promise<unknown>) =>
      statement.then(
        () => 'changed',
        (e: { message: string; cause?: { message?: string } }) => e.cause?.message ?? e.message,
      );
    expect(await refusal(t.deps.db.execute(sql`update audit_log set reason = 'rewritten'`))).toMatch(/append-only/);
    expect(await refusal(t.deps.db.execute(sql`delete from audit_log`))).toMatch(/append-only/);
  });

  it('finds accounts by part of the e-mail, name or id, and shows one with its balance, ledger, sessions and strikes', async () => {
    const user = await givenVerifiedUser(t, { name: 'Misaki Tanaka', credits: 7 });
    const search = async (q: string) =>
      (await call(ops.support, 'GET', `/api/admin/users?q=${encodeURIComponent(q)}`)).json().users.map((u: { id: string }) => u.id);
    expect(await search(user.email.slice(5, 15).toUpperCase())).toContain(user.id);
    expect(await search('misaki tan')).toContain(user.id);
    expect(await search(user.id)).toEqual([user.id]);
    expect(await search('%')).not.toContain(user.id);

    const refused = await call(user, 'POST', '/api/generations', {
      prompt: 'explicit sex scene',
      model: 'nano-banana',
      aspectRatio: '1:1',
    });
    expect(refused.statusCode).toBe(422);
    const page = (await call(ops.moderator, 'GET', `/api/admin/users/${user.id}`)).json();
    expect(page).toMatchObject({ id: user.id, name: 'Misaki Tanaka', balance: 7, strikes: { recent: 1, total: 1 }, suspendedAt: null });
    expect(page.sessions).toHaveLength(1);
    expect(page.ledger[0]).toMatchObject({ balanceAfter: 7 });
    expect((await call(ops.moderator, 'GET', `/api/admin/users/${randomUUID()}`)).statusCode).toBe(404);
  });

  it('suspends an account whose refusals reach the strike limit, and says so', async () => {
    const user = await givenVerifiedUser(t);
    const body = { prompt: 'explicit sex scene', model: 'nano-banana', aspectRatio: '1:1' };
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await call(user, 'POST', '/api/generations', body));
    expect(answers.map((a) => a.json().error.code)).toEqual(['content_policy', 'content_policy', 'content_policy']);
    expect(answers[1]!.json().error.message).not.toMatch(/suspended/);
    expect(answers[2]!.json().error.message).toMatch(/suspended/);
    expect((await call(user, 'GET', '/api/me')).statusCode).toBe(401);
    expect((await ledgerOf(t, user.id)).filter((e) => e.kind === 'generation_debit')).toEqual([]);
  });

  it('counts the dashboard from what happened', async () => {
    const before = (await call(ops.moderator, 'GET', '/api/admin/stats')).json();
    await givenVerifiedUser(t);
    await call(ops.admin, 'POST', '/api/admin/moderation/check', { prompt: 'nothing recorded' });
    const after = (await call(ops.moderator, 'GET', '/api/admin/stats')).json();
    expect(after.signUps.day).toBe(before.signUps.day + 1);
    expect(after.signUps.month).toBe(before.signUps.month + 1);
    expect(after.openModerationCases).toBe(before.openModerationCases);
    expect(after).toMatchObject({ disputeRate30d: 0, purchases: { day: 0, month: 0 } });
  });

  it('manages the denylist with audit rows; the prompt tester sees a new term at once', async () => {
    const term = `zorblax${randomUUID().slice(0, 6)}`;
    const added = await call(ops.moderator, 'POST', '/api/admin/moderation/denylist', {
      term: `  ${term.toUpperCase()} `,
      reason: 'raid spam',
    });
    expect(added.statusCode).toBe(201);
    expect(added.json().term).toBe(term);
    expect((await call(ops.moderator, 'POST', '/api/admin/moderation/denylist', { term })).statusCode).toBe(409);
    const check = await call(ops.moderator, 'POST', '/api/admin/moderation/check', { prompt: `a ${term} in the sky` });
    expect(check.json()).toEqual({ decision: 'block', category: 'denylist' });
    expect((await call(ops.moderator, 'DELETE', `/api/admin/moderation/denylist/${added.json().id}`)).statusCode).toBe(204);
    expect((await call(ops.moderator, 'POST', '/api/admin/moderation/check', { prompt: `a ${term} in the sky` })).json()).toEqual({
      decision: 'allow',
    });
    const rows = (await rowsOf(t.deps.db, tables.auditLog, eq(tables.auditLog.targetId, added.json().id))).sort(byTime);
    expect(rows.map((r) => [r.action, r.actorId])).toEqual([
      ['denylist.add', ops.moderator.id],
      ['denylist.remove', ops.moderator.id],
    ]);
  });

  async function givenSignedIn(user: TestUser): Promise<TestUser> {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in/email',
      headers: { origin: t.origin },
      payload: { email: user.email, password: user.password },
    });
    expect(res.statusCode).toBe(200);
    const cookie = [res.headers['set-cookie']]
      .flat()
      .map((c) => String(c).split(';')[0])
      .join('; ');
    return { ...user, cookie };
  }
});
