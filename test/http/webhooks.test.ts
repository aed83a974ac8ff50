import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebhookDelivery } from '../../src/contracts/webhooks.js';
import { resolveAll } from '../../src/lib/address-policy.js';
import type { Clock } from '../../src/lib/clock.js';
import { deliverJob, sendDueDeliveries } from '../../src/webhooks/index.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { getGeneration, submit, waitForTerminal } from '../helpers/generations.js';
import { tables } from '../helpers/tables.js';
import { givenVerifiedUser, type TestUser } from '../helpers/users.js';

/** A webhook receiver on 127.0.0.1 that keeps what it got and answers `status`. */
async function startReceiver() {
  const received: { path: string; headers: IncomingHttpHeaders; body: string }[] = [];
  const state = { status: 200 };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body });
      res.writeHead(state.status, { 'content-type': 'text/plain' }).end('a body nobody reads');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    received,
    state,
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    /** What arrived at `path`, waiting for at least `n`. */
    async at(path: string, n = 1, timeoutMs = 15_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const got = received.filter((r) => r.path === path);
        if (got.length >= n) return got;
        if (Date.now() > until) throw new Error(`${path}: ${got.length} of ${n} requests after ${timeoutMs} ms`);
        await sleep(50);
      }
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

function api(t: TestApp) {
  return (user: TestUser, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: { cookie: user.cookie, ...(method === 'GET' ? {} : { origin: t.origin }) },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
}

/** A clock the test can move forward. */
function movableClock(): Clock & { advance(ms: number): void } {
  let offset = 0;
  return { now: () => new Date(Date.now() + offset), advance: (ms) => (offset += ms) };
}

describe('webhook endpoints with the default outbound rules', () => {
  let t: TestApp;
  let as: ReturnType<typeof api>;
  /** The DNS answers this suite's invented names get (the system resolver for every other name). */
  const dns = new Map<string, string[]>();
  beforeAll(async () => {
    t = await buildTestApp({ worker: false });
    as = api(t);
    t.deps.webhooks.resolve = async (host) => dns.get(host) ?? resolveAll(host);
  });
  afterAll(() => t.close());

  it('adds an endpoint with its secret shown once, lists it without the secret, and deletes it', async () => {
    const user = await givenVerifiedUser(t);
    const other = await givenVerifiedUser(t);
    dns.set('hooks.example.test', ['93.184.216.34']);
    const created = await as(user, 'POST', '/api/me/webhooks', {
      url: 'https://hooks.example.test/animegen?token=abc',
      events: ['generation.succeeded', 'credits.low'],
    });
    expect(created.statusCode).toBe(201);
    const endpoint = created.json();
    expect(endpoint).toMatchObject({
      url: 'https://hooks.example.test/animegen?token=abc',
      events: ['generation.succeeded', 'credits.low'],
      enabled: true,
      disabledAt: null,
      failingSince: null,
    });
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);

    const list = (await as(user, 'GET', '/api/me/webhooks')).json();
    expect(list.max).toBe(5);
    const { secret: _, ...listed } = endpoint;
    expect(list.endpoints).toEqual([listed]);
    expect(JSON.stringify(list)).not.toContain(endpoint.secret);
    expect((await as(other, 'GET', '/api/me/webhooks')).json().endpoints).toEqual([]);
    expect((await as(other, 'GET', `/api/me/webhooks/${endpoint.id}/deliveries`)).statusCode).toBe(404);
    expect((await as(other, 'DELETE', `/api/me/webhooks/${endpoint.id}`)).statusCode).toBe(404);

    expect((await as(user, 'GET', `/api/me/webhooks/${endpoint.id}/deliveries`)).json()).toEqual({ deliveries: [] });
    expect((await as(user, 'DELETE', `/api/me/webhooks/${endpoint.id}`)).statusCode).toBe(204);
    expect((await as(user, 'GET', '/api/me/webhooks')).json().endpoints).toEqual([]);
    expect((await as(user, 'DELETE', `/api/me/webhooks/${endpoint.id}`)).statusCode).toBe(404);
  });

  it('refuses a bad URL, an unknown or missing event, and more than five endpoints', async () => {
    const user = await givenVerifiedUser(t);
    dns.set('ok.example.test', ['93.184.216.34']);
    const add = (body: unknown) => as(user, 'POST', '/api/me/webhooks', body);
    for (const [body, field] of [
      [{ url: 'not a url', events: ['credits.low'] }, 'url'],
      [{ url: 'https://ok.example.test/', events: ['generation.started'] }, 'events'],
      [{ url: 'https://ok.example.test/', events: [] }, 'events'],
      [{ url: 'https://ok.example.test/', events: ['credits.low', 'credits.low'] }, 'events'],
      [{ url: 'https://user:pass@ok.example.test/', events: ['credits.low'] }, 'url'],
      [{ url: 'https://ok.example.test/', events: ['credits.low'], secret: 'mine' }, undefined],
    ] as const) {
      const res = await add(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(422);
      expect(res.json().error.code).toBe('invalid_input');
      if (field) expect(res.json().error.field).toMatch(new RegExp(`^${field}`));
    }
    for (let i = 0; i < 5; i++) expect((await add({ url: `https://ok.example.test/${i}`, events: ['credits.low'] })).statusCode).toBe(201);
    const sixth = await add({ url: 'https://ok.example.test/6', events: ['credits.low'] });
    expect(sixth.statusCode).toBe(409);
    expect(sixth.json().error.code).toBe('limit_reached');
  });

  it('refuses plain http, loopback, private, link-local, metadata and unique-local receivers, and names resolving to them', async () => {
    const user = await givenVerifiedUser(t);
    dns.set('internal.example.test', ['10.1.2.3']);
    dns.set('mixed.example.test', ['93.184.216.34', '192.168.0.10']);
    for (const url of [
      'http://hooks.example.test/',
      'https://127.0.0.1/',
      'https://127.8.9.10:8443/hook',
      'https://10.0.0.1/',
      'https://192.168.1.20/',
      'https://172.16.5.4/',
      'https://169.254.169.254/latest/meta-data/',
      'https://[::1]/',
      'https://[fc00::1]/',
      'https://[fd12:3456::1]/',
      'https://[::ffff:127.0.0.1]/',
      'https://localhost/',
      'https://internal.example.test/',
      'https://mixed.example.test/',
    ]) {
      const res = await as(user, 'POST', '/api/me/webhooks', { url, events: ['generation.failed'] });
      expect(res.statusCode, url).toBe(422);
      expect(res.json().error, url).toMatchObject({ code: 'invalid_input', field: 'url' });
    }
    expect((await as(user, 'GET', '/api/me/webhooks')).json().endpoints).toEqual([]);
  });
  it('checks the address again before every attempt: a name that now resolves to a private address is not contacted', async () => {
    const user = await givenVerifiedUser(t);
    dns.set('rebind.example.test', ['93.184.216.34']);
    const endpoint = (
      await as(user, 'POST', '/api/me/webhooks', { url: 'https://rebind.example.test/in', events: ['credits.low'] })
    ).json();
    dns.set('rebind.example.test', ['127.0.0.1']);
    const now = new Date();
    const deliveryId = randomUUID();
    await t.deps.db.insert(tables.webhookDeliveries).values({
      ...{ id: deliveryId, endpointId: endpoint.id, userId: user.id, eventType: 'credits.low', body: '{}', status: 'pending' },
      ...{ attempts: 0, lastStatusCode: null, lastError: null, lastAttemptAt: null, nextAttemptAt: now, createdAt: now },
    });
    // The worker's job, run here (this app has no worker).
    await deliverJob.run(
      t.deps.webhooks,
      { deliveryId, manual: false },
      { id: 'test', retryCount: 0, retryLimit: 0, handOff: async () => {} },
    );
    const [delivery] = (await as(user, 'GET', `/api/me/webhooks/${endpoint.id}/deliveries`)).json().deliveries;
    expect(delivery).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastStatusCode: null,
      lastError: expect.stringMatching(/^refused: .*127\.0\.0\.1/),
    });
    expect(delivery.attemptLog).toEqual([expect.objectContaining({ statusCode: null, manual: false })]);
  });
});

describe('webhook deliveries (WEBHOOK_ALLOW_INSECURE, a receiver on 127.0.0.1)', () => {
  let t: TestApp;
  let as: ReturnType<typeof api>;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    receiver = await startReceiver();
    t = await buildTestApp({ env: { WEBHOOK_ALLOW_INSECURE: '1' } });
    as = api(t);
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
  });

  const addEndpoint = async (user: TestUser, path: string, events: string[]) => {
    const res = await as(user, 'POST', '/api/me/webhooks', { url: receiver.url(path), events });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string; secret: string };
  };

  it('sends generation.succeeded and generation.failed, signed with the endpoint secret, with the generation as the API shows it', async () => {
    const user = await givenVerifiedUser(t);
    const both = await addEndpoint(user, '/both', ['generation.succeeded', 'generation.failed']);
    const failedOnly = await addEndpoint(user, '/failed-only', ['generation.failed']);

    const ok = await waitForTerminal(t, user, (await submit(t, user, { prompt: 'a fox in the snow' })).json().id);
    const bad = await waitForTerminal(t, user, (await submit(t, user, { prompt: 'a broken one [sim:fail]' })).json().id);
    expect([ok.status, bad.status]).toEqual(['succeeded', 'failed']);

    const got = await receiver.at('/both', 2);
    const hook = new Webhook(both.secret);
    const messages = got.map((r) => {
      expect(r.headers['content-type']).toBe('application/json');
      expect(r.headers['webhook-id']).toMatch(/^[0-9a-f-]{36}$/);
      return hook.verify(r.body, r.headers as Record<string, string>) as { type: string; timestamp: string; data: { id: string } };
    });
    const succeeded = messages.find((m) => m.type === 'generation.succeeded')!;
    const failed = messages.find((m) => m.type === 'generation.failed')!;
    expect(succeeded.data).toEqual(await getGeneration(t, user, ok.id));
    expect(succeeded.data).toMatchObject({
      id: ok.id,
      status: 'succeeded',
      images: [expect.objectContaining({ url: expect.any(String) })],
    });
    expect(failed.data).toEqual(await getGeneration(t, user, bad.id));
    expect(failed.data).toMatchObject({ id: bad.id, status: 'failed', refunded: bad.cost });
    expect(Date.parse(succeeded.timestamp)).toBeGreaterThan(0);
    // Another endpoint's secret does not verify, and each endpoint gets only what it chose.
    expect(() => new Webhook(failedOnly.secret).verify(got[0]!.body, got[0]!.headers as Record<string, string>)).toThrow();
    const onlyFailed = await receiver.at('/failed-only', 1);
    await sleep(500);
    expect(receiver.received.filter((r) => r.path === '/failed-only')).toHaveLength(1);
    expect(new Webhook(failedOnly.secret).verify(onlyFailed[0]!.body, onlyFailed[0]!.headers as Record<string, string>)).toMatchObject({
      type: 'generation.failed',
      data: { id: bad.id },
    });

    const log = (await as(user, 'GET', `/api/me/webhooks/${both.id}/deliveries`)).json().deliveries as WebhookDelivery[];
    expect(log.map((d) => [d.eventType, d.status, d.attempts, d.lastStatusCode]).sort()).toEqual([
      ['generation.failed', 'succeeded', 1, 200],
      ['generation.succeeded', 'succeeded', 1, 200],
    ]);
    expect(log[0]!.attemptLog).toEqual([expect.objectContaining({ statusCode: 200, error: null, manual: false })]);
  });

  it('sends credits.low once when a debit takes the balance below the threshold', async () => {
    const user = await givenVerifiedUser(t, { credits: 11 });
    const endpoint = await addEndpoint(user, '/low', ['credits.low']);
    await waitForTerminal(t, user, (await submit(t, user, { prompt: 'first' })).json().id);
    const [low] = await receiver.at('/low', 1);
    expect(new Webhook(endpoint.secret).verify(low!.body, low!.headers as Record<string, string>)).toMatchObject({
      type: 'credits.low',
      data: { balance: 9, threshold: 10 },
    });
    // Already below the line: the next debit is no new crossing.
    await waitForTerminal(t, user, (await submit(t, user, { prompt: 'second' })).json().id);
    await sleep(1000);
    expect(receiver.received.filter((r) => r.path === '/low')).toHaveLength(1);
  });
});

describe('webhook retries, re-sends and disabling (time moved by the test clock)', () => {
  let t: TestApp;
  let as: ReturnType<typeof api>;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const clock = movableClock();
  beforeAll(async () => {
    receiver = await startReceiver();
    t = await buildTestApp({ clock, env: { WEBHOOK_ALLOW_INSECURE: '1' } });
    as = api(t);
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
  });

  const deliveriesOf = async (user: TestUser, endpointId: string) =>
    (await as(user, 'GET', `/api/me/webhooks/${endpointId}/deliveries`)).json().deliveries as WebhookDelivery[];
  /** Waits until the endpoint's only delivery has had `attempts` attempts (and is no longer waiting on one queued). */
  const waitForAttempts = async (user: TestUser, endpointId: string, attempts: number) => {
    for (let i = 0; i < 300; i++) {
      const [d] = await deliveriesOf(user, endpointId);
      if (d && d.attempts >= attempts && d.attemptLog.length >= attempts) return d;
      await sleep(50);
    }
    throw new Error(`no attempt ${attempts}`);
  };

  it('retries a receiver answering 500 with growing gaps, logs each attempt, fails after the last, and a re-send delivers it', async () => {
    receiver.state.status = 500;
    const user = await givenVerifiedUser(t);
    const endpoint = (await as(user, 'POST', '/api/me/webhooks', { url: receiver.url('/flaky'), events: ['generation.succeeded'] })).json();
    await waitForTerminal(t, user, (await submit(t, user, { prompt: 'retry me' })).json().id);

    const gaps: number[] = [];
    let delivery = await waitForAttempts(user, endpoint.id, 1);
    // Still pending (a retry scheduled): no re-send by hand.
    const early = await as(user, 'POST', `/api/me/webhooks/${endpoint.id}/deliveries/${delivery.id}/resend`);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('conflict');
    for (let attempt = 2; attempt <= 12; attempt++) {
      expect(delivery).toMatchObject({ status: 'pending', lastStatusCode: 500, lastError: 'HTTP 500' });
      const gap = Date.parse(delivery.nextAttemptAt!) - Date.parse(delivery.lastAttemptAt!);
      gaps.push(gap / 1000);
      // Not due yet: the sweeper queues nothing.
      clock.advance(gap - 5_000);
      expect(await sendDueDeliveries(t.deps.webhooks)).toBe(0);
      clock.advance(5_000);
      await sendDueDeliveries(t.deps.webhooks);
      delivery = await waitForAttempts(user, endpoint.id, attempt);
    }
    expect(gaps).toEqual([60, 120, 240, 480, 960, 1920, 3840, 7680, 15360, 28800, 28800]);
    expect(gaps.reduce((a, b) => a + b, 0) / 3600).toBeCloseTo(24.5, 1);
    expect(delivery).toMatchObject({ status: 'failed', attempts: 12, lastStatusCode: 500, nextAttemptAt: null });
    expect(delivery.attemptLog.map((a) => a.statusCode)).toEqual(Array(12).fill(500));
    expect(receiver.received.filter((r) => r.path === '/flaky').map((r) => r.headers['webhook-id'])).toEqual(Array(12).fill(delivery.id));
    // Spent: no more automatic attempts.
    clock.advance(86_400_000);
    expect(await sendDueDeliveries(t.deps.webhooks)).toBe(0);

    receiver.state.status = 204;
    const resend = await as(user, 'POST', `/api/me/webhooks/${endpoint.id}/deliveries/${delivery.id}/resend`);
    expect(resend.statusCode).toBe(202);
    expect(resend.json()).toMatchObject({ id: delivery.id, status: 'pending' });
    const done = await waitForAttempts(user, endpoint.id, 13);
    expect(done).toMatchObject({ status: 'succeeded', attempts: 13, lastStatusCode: 204, lastError: null });
    expect(done.attemptLog.at(-1)).toMatchObject({ statusCode: 204, manual: true });
    const bodies = receiver.received.filter((r) => r.path === '/flaky').map((r) => r.body);
    expect(new Set(bodies).size).toBe(1);
    expect((await as(user, 'GET', '/api/me/webhooks')).json().endpoints[0]).toMatchObject({ enabled: true, failingSince: null });

    const stranger = await givenVerifiedUser(t);
    expect((await as(stranger, 'POST', `/api/me/webhooks/${endpoint.id}/deliveries/${delivery.id}/resend`)).statusCode).toBe(404);
  });

  it('disables an endpoint that keeps failing for three days, fails what it still had, and e-mails its owner', async () => {
    receiver.state.status = 503;
    const user = await givenVerifiedUser(t);
    const endpoint = (await as(user, 'POST', '/api/me/webhooks', { url: receiver.url('/down'), events: ['generation.succeeded'] })).json();
    await waitForTerminal(t, user, (await submit(t, user, { prompt: 'nobody home' })).json().id);
    await waitForAttempts(user, endpoint.id, 1);
    expect((await as(user, 'GET', '/api/me/webhooks')).json().endpoints[0]).toMatchObject({
      enabled: true,
      failingSince: expect.any(String),
    });

    // Two days on, still failing: still on.
    clock.advance(2 * 86_400_000);
    await sendDueDeliveries(t.deps.webhooks);
    await waitForAttempts(user, endpoint.id, 2);
    expect((await as(user, 'GET', '/api/me/webhooks')).json().endpoints[0].enabled).toBe(true);

    // Past three days since the first failure: the next failed attempt disables it.
    clock.advance(86_400_000 + 60_000);
    await sendDueDeliveries(t.deps.webhooks);
    await waitForAttempts(user, endpoint.id, 3);
    const [listed] = (await as(user, 'GET', '/api/me/webhooks')).json().endpoints;
    expect(listed).toMatchObject({ enabled: false, disabledAt: expect.any(String) });
    expect((await deliveriesOf(user, endpoint.id))[0]).toMatchObject({ status: 'failed', nextAttemptAt: null });

    let mail = undefined as { subject: string; text: string } | undefined;
    for (let i = 0; i < 100 && !mail; i++) {
      mail = t.deps.devMailbox!.list().find((m) => m.to === user.email && m.subject.includes('webhook'));
      if (!mail) await sleep(100);
    }
    expect(mail?.subject).toBe('AnimeGen stopped sending to your webhook');
    expect(mail?.text).toContain(receiver.url('/down'));
    expect(mail?.text).toContain('/settings#webhooks');

    // A disabled endpoint gets no new events.
    await waitForTerminal(t, user, (await submit(t, user, { prompt: 'after it stopped' })).json().id);
    await sleep(500);
    expect(await deliveriesOf(user, endpoint.id)).toHaveLength(1);
  });
});
