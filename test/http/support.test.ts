import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { submit, waitForTerminal } from '../helpers/generations.js';
import { countOf, rowsOf, tables } from '../helpers/tables.js';
import { givenOperator, givenVerifiedUser, type TestUser } from '../helpers/users.js';

/**
 * Support: a user opens a request (optionally about their own generation or
 * purchase), an operator with the support permission answers it from the
 * inbox, the user reads the answer in the app and is told by e-mail that there
 * is one. Every operator step is in the audit log; nobody else's request can
 * be read or written to.
 */
describe('support requests', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  type Method = 'GET' | 'POST' | 'DELETE';
  const as = (user: TestUser, method: Method, url: string, payload?: object) =>
    t.app.inject({ method, url, payload, headers: { cookie: user.cookie, origin: t.origin } });
  const open = (user: TestUser, body: Record<string, unknown> = {}) =>
    as(user, 'POST', '/api/support', {
      category: 'generation',
      subject: 'My picture failed',
      message: 'The generation failed twice, can you look?',
      ...body,
    });
  const mailsTo = (email: string) =>
    t.deps.devMailbox!.list().filter((m) => m.to === email && m.links.some((l) => l.includes('/support/')));
  async function waitForMail(email: string, count: number) {
    for (let i = 0; i < 100 && mailsTo(email).length < count; i++) await sleep(100);
    return mailsTo(email);
  }
  const auditOf = (requestId: string) => rowsOf(t.deps.db, tables.auditLog, eq(tables.auditLog.targetId, requestId));

  it('opens a request about the user’s own generation; someone else’s generation or purchase is not found', async () => {
    const user = await givenVerifiedUser(t);
    const other = await givenVerifiedUser(t);
    const mine = await waitForTerminal(t, user, (await submit(t, user, { prompt: 'a cat in the rain' })).json().id);
    const theirs = await waitForTerminal(t, other, (await submit(t, other, { prompt: 'a dog in the sun' })).json().id);

    const created = await open(user, { generationId: mine.id });
    expect(created.statusCode).toBe(201);
    const request = created.json();
    expect(request).toMatchObject({ category: 'generation', status: 'open', generationId: mine.id, purchaseId: null });
    expect(request.userId).toBeUndefined();
    expect(request.messages).toEqual([expect.objectContaining({ author: 'user', body: 'The generation failed twice, can you look?' })]);

    const linkedToTheirs = await open(user, { generationId: theirs.id });
    expect(linkedToTheirs.statusCode).toBe(404);
    expect(linkedToTheirs.json().error).toMatchObject({ code: 'not_found', field: 'generationId' });
    expect((await open(user, { category: 'billing', purchaseId: `pur_${randomUUID()}` })).json().error).toMatchObject({
      code: 'not_found',
      field: 'purchaseId',
    });
    // A purchase of the user's own may be named.
    const purchaseId = `pur_${randomUUID()}`;
    await t.deps.db.insert(tables.purchases).values({
      id: purchaseId,
      userId: user.id,
      packId: 'starter',
      packName: 'Starter',
      credits: 100,
      amount: 499,
      currency: 'eur',
      status: 'paid',
    });
    expect((await open(user, { category: 'billing', purchaseId })).json()).toMatchObject({ purchaseId, category: 'billing' });

    const mineListed = (await as(user, 'GET', '/api/me/support')).json().requests;
    expect(mineListed.map((r: { id: string }) => r.id)).toContain(request.id);
    expect((await as(other, 'GET', '/api/me/support')).json().requests).toEqual([]);
    // Another account cannot read it or write in it, and learns nothing about it.
    for (const res of [
      await as(other, 'GET', `/api/me/support/${request.id}`),
      await as(other, 'POST', `/api/me/support/${request.id}/messages`, { body: 'let me in' }),
    ]) {
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('failed twice');
    }
    expect((await as(user, 'GET', `/api/me/support/${request.id}`)).json().messages).toHaveLength(1);
  });

  it('an operator answers from the inbox: the user reads it in the thread, is e-mailed without the text, and the audit log says so', async () => {
    const user = await givenVerifiedUser(t, { name: 'Aoi' });
    const agent = await givenOperator(t, { role: 'support' });
    const moderator = await givenOperator(t, { role: 'moderator' });
    const request = (await open(user, { category: 'account', subject: 'Cannot change my name' })).json();

    // A moderator's role does not cover the inbox; a customer is not an operator at all.
    for (const who of [moderator, user]) {
      expect((await as(who, 'GET', '/api/admin/support')).statusCode).toBe(403);
      expect((await as(who, 'GET', `/api/admin/support/${request.id}`)).statusCode).toBe(403);
      expect((await as(who, 'POST', `/api/admin/support/${request.id}/reply`, { body: 'hi' })).statusCode).toBe(403);
      expect((await as(who, 'POST', `/api/admin/support/${request.id}/close`, {})).statusCode).toBe(403);
    }

    const inbox = (await as(agent, 'GET', '/api/admin/support?status=open')).json().requests;
    expect(inbox.find((r: { id: string }) => r.id === request.id)).toMatchObject({ userId: user.id, status: 'open' });
    const waiting = inbox.map((r: { waitingSince: string }) => r.waitingSince);
    expect(waiting).toEqual([...waiting].sort());
    const thread = (await as(agent, 'GET', `/api/admin/support/${request.id}`)).json();
    expect(thread.requester).toEqual({ email: user.email, name: 'Aoi' });

    const answer = 'Settings → Profile lets you change it. Secret detail 4711.';
    const replied = await as(agent, 'POST', `/api/admin/support/${request.id}/reply`, { body: answer });
    expect(replied.statusCode).toBe(201);
    expect(replied.json()).toMatchObject({ status: 'answered', waitingSince: null });

    const seen = (await as(user, 'GET', `/api/me/support/${request.id}`)).json();
    expect(seen.status).toBe('answered');
    expect(seen.messages.map((m: { author: string; body: string }) => [m.author, m.body])).toEqual([
      ['user', 'The generation failed twice, can you look?'],
      ['operator', answer],
    ]);
    // Operators are named by role only.
    expect(JSON.stringify(seen)).not.toContain(agent.id);

    const [mail] = await waitForMail(user.email, 1);
    expect(mail?.links).toContain(`${t.config.http.publicUrl}/support/${request.id}`);
    expect(mail?.text).not.toContain('4711');
    expect(mail?.text).toContain('your account');

    const [reply] = await auditOf(request.id);
    expect(reply).toMatchObject({ action: 'support.reply', actorId: agent.id, actorRole: 'support', targetUserId: user.id });
    expect(JSON.stringify(reply?.detail)).not.toContain('4711');

    // The user writes again: open and waiting once more.
    const again = await as(user, 'POST', `/api/me/support/${request.id}/messages`, { body: 'Thanks, and where is the e-mail setting?' });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toMatchObject({ status: 'open' });
    expect(again.json().waitingSince).not.toBeNull();

    const closed = await as(agent, 'POST', `/api/admin/support/${request.id}/close`, { reason: 'answered in the thread' });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', waitingSince: null });
    expect((await as(agent, 'POST', `/api/admin/support/${request.id}/close`, {})).json().error.code).toBe('conflict');
    expect((await auditOf(request.id)).map((a) => [a.action, a.reason])).toEqual(
      expect.arrayContaining([
        ['support.reply', null],
        ['support.close', 'answered in the thread'],
      ]),
    );
    expect((await as(agent, 'GET', '/api/admin/support?status=closed')).json().requests.map((r: { id: string }) => r.id)).toContain(
      request.id,
    );
    // Only one e-mail: closing tells nobody, the user's own message neither.
    expect(mailsTo(user.email)).toHaveLength(1);
  });

  it('e-mails a Japanese account in Japanese', async () => {
    const user = await givenVerifiedUser(t);
    await t.deps.db.update(tables.user).set({ locale: 'ja' }).where(eq(tables.user.id, user.id));
    const agent = await givenOperator(t, { role: 'admin' });
    const request = (await open(user, { category: 'billing' })).json();
    expect((await as(agent, 'POST', `/api/admin/support/${request.id}/reply`, { body: 'ok' })).statusCode).toBe(201);
    const [mail] = await waitForMail(user.email, 1);
    expect(mail?.text).toContain('支払い');
  });

  it('limits how many requests an account keeps open and opens per hour', async () => {
    const user = await givenVerifiedUser(t);
    for (let i = 0; i < 3; i++) expect((await open(user)).statusCode).toBe(201);
    const fourth = await open(user);
    expect(fourth.statusCode).toBe(429);
    expect(fourth.json().error.code).toBe('rate_limited');

    const patient = await givenVerifiedUser(t);
    const yesterday = new Date(Date.now() - 86_400_000);
    await t.deps.db.insert(tables.supportRequests).values(
      Array.from({ length: 5 }, (_, i) => ({
        id: randomUUID(),
        userId: patient.id,
        category: 'other' as const,
        subject: `old ${i}`,
        status: 'open' as const,
        createdAt: yesterday,
        updatedAt: yesterday,
      })),
    );
    const sixth = await open(patient);
    expect(sixth.statusCode).toBe(409);
    expect(sixth.json().error.code).toBe('limit_reached');
    expect(await countOf(t.deps.db, sql`select count(*)::int as n from support_requests where user_id = ${patient.id}`)).toBe(5);
  });

  it('answers bad input with a 4xx naming the problem, never a 500', async () => {
    const user = await givenVerifiedUser(t);
    const agent = await givenOperator(t, { role: 'support' });
    const request = (await open(user)).json();
    const bad: [TestUser, Method, string, object | undefined][] = [
      [user, 'POST', '/api/support', { category: 'refund', subject: 'Hello there', message: 'Some words to say here' }],
      [user, 'POST', '/api/support', { category: 'bug', subject: '', message: 'Some words to say here' }],
      [user, 'POST', '/api/support', { category: 'bug', subject: 'Hello there', message: 'short' }],
      [user, 'POST', '/api/support', { category: 'bug', subject: 'Hello\u0000there', message: 'Some words to say here' }],
      [user, 'POST', '/api/support', { category: 'bug', subject: 'Hello there', message: 'Some words to say here', generationId: 'x' }],
      [user, 'POST', '/api/support', { category: 'bug', subject: 'Hello there', message: 'Some words to say here', status: 'closed' }],
      [user, 'POST', '/api/support', { category: 'bug', subject: 'x'.repeat(201), message: 'Some words to say here' }],
      [user, 'POST', '/api/support', undefined],
      [user, 'GET', '/api/me/support/not-an-id', undefined],
      [user, 'POST', `/api/me/support/${request.id}/messages`, { body: '   ' }],
      [user, 'POST', `/api/me/support/${request.id}/messages`, { body: 'x'.repeat(5001) }],
      [agent, 'GET', '/api/admin/support?status=waiting', undefined],
      [agent, 'POST', `/api/admin/support/${request.id}/reply`, {}],
      [agent, 'POST', `/api/admin/support/${request.id}/reply`, { body: 'ok', status: 'closed' }],
      [agent, 'POST', `/api/admin/support/${request.id}/close`, { reason: 'x'.repeat(501) }],
    ];
    for (const [who, method, url, payload] of bad) {
      const res = await as(who, method, url, payload);
      expect(res.statusCode, `${method} ${url} ${JSON.stringify(payload)}`).toBe(422);
      expect(res.json().error.code).toBe('invalid_input');
    }
    for (const [who, method, url, payload] of [
      [user, 'GET', `/api/me/support/${randomUUID()}`, undefined],
      [agent, 'GET', `/api/admin/support/${randomUUID()}`, undefined],
      [agent, 'POST', `/api/admin/support/${randomUUID()}/reply`, { body: 'ok' }],
      [agent, 'POST', `/api/admin/support/${randomUUID()}/close`, undefined],
    ] as const) {
      expect((await as(who, method, url, payload)).statusCode, `${method} ${url}`).toBe(404);
    }
    // Nothing was written by the refusals: one request, one message.
    const rows = await rowsOf(t.deps.db, tables.supportMessages, eq(tables.supportMessages.requestId, request.id));
    expect(rows).toHaveLength(1);
  });

  it('goes with the account when it is deleted', async () => {
    const user = await givenVerifiedUser(t);
    const request = (await open(user)).json();
    expect((await as(user, 'DELETE', '/api/me', { password: user.password })).statusCode).toBe(204);
    expect(await rowsOf(t.deps.db, tables.supportRequests, eq(tables.supportRequests.id, request.id))).toEqual([]);
    expect(await rowsOf(t.deps.db, tables.supportMessages, and(eq(tables.supportMessages.requestId, request.id)))).toEqual([]);
  });
});
