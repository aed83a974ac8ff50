import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Generation } from '../../src/contracts/api.js';
import { createKieProvider, type ImageProvider, type Simulator, startSimulator } from '../../src/providers/index.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { balanceOf, submit, waitForTerminal } from '../helpers/generations.js';
import { refundsFor } from '../helpers/ledger.js';
import { rowOf, tables } from '../helpers/tables.js';
import { givenVerifiedUser, type TestUser } from '../helpers/users.js';

/** Submits and waits for the end; every poll must answer 200 (the helper throws otherwise), never a 5xx. */
async function runToEnd(t: TestApp, user: TestUser, prompt: string): Promise<Generation> {
  const created = await submit(t, user, { prompt });
  expect(created.statusCode).toBe(202);
  return waitForTerminal(t, user, created.json().id, 30_000);
}

/** One series of GET /metrics, e.g. `name{label="x"}`; 0 while it has never been counted. */
async function metric(t: TestApp, series: string): Promise<number> {
  const res = await t.app.inject({ method: 'GET', url: '/metrics' });
  expect(res.statusCode).toBe(200);
  const line = res.body.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

const CREATE_ERRORS = 'animegen_provider_request_seconds_count{provider="kie",operation="create_task",outcome="error"}';

/** A failed generation as its owner reads it: a plain reason, and nothing the provider or our adapter said. */
function expectPlainFailure(g: Generation, providerUrl: string) {
  expect(g.error?.message).toBeTruthy();
  const shown = JSON.stringify(g);
  for (const internal of [
    providerUrl,
    'KIE',
    'code 500',
    'Internal server error',
    'Service Temporarily Unavailable',
    'request frequency',
    'Credits insufficient',
    'timed out',
    'createTask',
    'taskId',
  ]) {
    expect(shown).not.toContain(internal);
  }
}

/**
 * The fault matrix at the level a user sees: the simulator misbehaves the way
 * KIE and its CDN can, and each generation must end in the right state, with
 * its credits refunded exactly once when it fails, and never a 5xx.
 */
describe('pipeline faults, end to end', () => {
  let t: TestApp;
  let canary: Server;
  let canaryUrl = '';
  let canaryHits = 0;
  beforeAll(async () => {
    t = await buildTestApp({ generation: { retryDelaySeconds: 1 } });
    canary = createServer((_req, res) => {
      canaryHits++;
      res.end('internal secrets');
    });
    await new Promise<void>((resolve) => canary.listen(0, '127.0.0.1', resolve));
    canaryUrl = `http://127.0.0.1:${(canary.address() as AddressInfo).port}/latest/meta-data`;
  });
  afterAll(async () => {
    await new Promise((resolve) => canary.close(resolve));
    await t.close();
  });

  const refunds = (id: string) => refundsFor(t, id);
  const run = (user: TestUser, prompt: string) => runToEnd(t, user, prompt);

  it('KIE refusing new tasks with 429 twice: retried with backoff, then done, one task', async () => {
    const user = await givenVerifiedUser(t);
    const before = t.deps.simulator!.stats().createTask;
    t.deps.simulator!.setBehaviour({ throttleNextCreates: 2 });
    const g = await run(user, 'busy service');
    expect(g.status).toBe('succeeded');
    expect(t.deps.simulator!.stats().createTask - before).toBe(3);
    expect(await balanceOf(t, user)).toBe(user.credits - 2);
  });

  it('malformed JSON answers are a passing fault: retried, then done', async () => {
    const user = await givenVerifiedUser(t);
    t.deps.simulator!.setBehaviour({ garbleNext: 2 });
    const g = await run(user, 'garbled answers');
    expect(g.status).toBe('succeeded');
    expect(await balanceOf(t, user)).toBe(user.credits - 2);
  });

  it('a 200 MB result is cut off at the cap: failed with a plain reason, refunded once', async () => {
    const user = await givenVerifiedUser(t);
    const rssBefore = process.memoryUsage().rss;
    const g = await run(user, 'enormous [sim:huge]');
    expect(g).toMatchObject({ status: 'failed', refunded: 2, error: { code: 'result_unusable' } });
    expect(g.error?.message).toBeTruthy();
    expect(await refunds(g.id)).toBe(1);
    expect(await balanceOf(t, user)).toBe(user.credits);
    // Read up to the 50 MB cap at most, never the 200 MB.
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(150 * 1024 * 1024);
  });

  it('a result that redirects to a private address is never fetched: failed, refunded once', async () => {
    const user = await givenVerifiedUser(t);
    t.deps.simulator!.setBehaviour({ redirectResultsTo: canaryUrl });
    try {
      const g = await run(user, 'sneaky redirect');
      expect(g).toMatchObject({ status: 'failed', refunded: 2, error: { code: 'result_unusable' } });
      expect(await refunds(g.id)).toBe(1);
    } finally {
      t.deps.simulator!.setBehaviour({ redirectResultsTo: null });
    }
    expect(canaryHits).toBe(0);
    expect((await run(user, 'after the redirect')).status).toBe('succeeded');
  });

  type Behaviour = Parameters<Simulator['setBehaviour']>[0];
  /**
   * The simulator fails every new task with `on` (more times than all attempts could use up): the
   * generation fails with a plain "refunded" reason, refunded once, after `calls` rose by `attempts`.
   */
  async function failsForGood(prompt: string, on: Behaviour, off: Behaviour, calls: () => Promise<number> | number, attempts: number) {
    const user = await givenVerifiedUser(t);
    const before = await calls();
    t.deps.simulator!.setBehaviour(on);
    try {
      const g = await run(user, prompt);
      expect(g).toMatchObject({
        status: 'failed',
        refunded: 2,
        error: { code: 'provider_busy', message: expect.stringContaining('Your credits were refunded') },
      });
      expectPlainFailure(g, t.deps.simulator!.url);
      expect(await refunds(g.id)).toBe(1);
      expect((await calls()) - before).toBe(attempts);
    } finally {
      t.deps.simulator!.setBehaviour(off);
    }
    expect(await balanceOf(t, user)).toBe(user.credits);
  }
  const simulatorCreates = () => t.deps.simulator!.stats().createTask;

  // Every attempt's backoff (1 s, 2 s, 4 s, each up to twice that) adds up: these get a longer budget.
  it('KIE answering HTTP 503 to every call: failed after the last attempt, refunded once, never tried again', async () => {
    // The 503 comes before the simulator counts a createTask, so count the calls on our side.
    const ourCalls = () => metric(t, CREATE_ERRORS);
    await failsForGood('never reachable', { httpErrors: 1000 }, { httpErrors: 0 }, ourCalls, t.deps.generation.settings.maxAttempts);
  }, 60_000);

  it('KIE refusing every new task with 429: failed after the last attempt, refunded once, never tried again', async () => {
    const attempts = t.deps.generation.settings.maxAttempts;
    await failsForGood('always too busy', { throttleNextCreates: 1000 }, { throttleNextCreates: 0 }, simulatorCreates, attempts);
  }, 60_000);

  it('KIE answering body code 500 to every new task: retried twice only, then failed and refunded once', async () => {
    // Code 500 is sometimes a validation error in disguise, so runGeneration gives up on it from the
    // third attempt (retryCount 2), before the general attempt limit.
    const kie500Attempts = 3;
    expect(kie500Attempts).toBeLessThan(t.deps.generation.settings.maxAttempts);
    await failsForGood('broken service', { failNextCreates: 1000 }, { failNextCreates: 0 }, simulatorCreates, kie500Attempts);
  });

  it('our KIE account out of credits: one call per generation, no retries, and the alert counted in /metrics', async () => {
    const user = await givenVerifiedUser(t);
    const alerts = 'animegen_provider_account_alerts_total{provider="kie",code="insufficient_provider_credits"}';
    const alertsBefore = await metric(t, alerts);
    const before = t.deps.simulator!.stats().createTask;
    const prompts = ['no money', 'still no money'];
    t.deps.simulator!.setBehaviour({ outOfCredits: true });
    try {
      const failed = await Promise.all(prompts.map((prompt) => run(user, prompt)));
      for (const g of failed) {
        expect(g).toMatchObject({ status: 'failed', refunded: 2, error: { code: 'provider_unavailable' } });
        expectPlainFailure(g, t.deps.simulator!.url);
        expect(await refunds(g.id)).toBe(1);
      }
      // Retrying cannot help until an operator tops up, so each generation asks KIE once.
      expect(t.deps.simulator!.stats().createTask - before).toBe(prompts.length);
      expect((await metric(t, alerts)) - alertsBefore).toBe(prompts.length);
    } finally {
      t.deps.simulator!.setBehaviour({ outOfCredits: false });
    }
    expect(await balanceOf(t, user)).toBe(user.credits);
  });
});

/**
 * The simulator's provider keeps KIE's 30 s request timeout, too long for a test, so this app talks to
 * its own simulator through a KIE client with a short one.
 */
describe('provider timeouts, end to end', () => {
  const timeoutMs = 1000;
  let t: TestApp;
  let sim: Simulator;
  let creates = 0;
  /** Called when a createTask call fails; lets a test end the hang after the first one. */
  let onCreateFailed: (() => void) | null = null;
  beforeAll(async () => {
    sim = await startSimulator({ apiKey: 'sim-key', delayMs: 50 });
    const kie = createKieProvider({
      apiKey: 'sim-key',
      baseUrl: sim.url,
      uploadBaseUrl: sim.url,
      allowedResultHosts: [new URL(sim.url).host],
      demo: true,
      timeoutMs,
    });
    // Counted on our side: a request the client gave up on still reaches the simulator's counters later.
    const provider: ImageProvider = {
      ...kie,
      createTask: async (input) => {
        creates++;
        try {
          return await kie.createTask(input);
        } catch (err) {
          onCreateFailed?.();
          throw err;
        }
      },
    };
    t = await buildTestApp({ provider, generation: { retryDelaySeconds: 1 } });
  });
  afterAll(async () => {
    await t.close();
    await sim.close();
  });

  it('KIE hanging on every call: each attempt times out, then failed and refunded once', async () => {
    const user = await givenVerifiedUser(t);
    const before = creates;
    sim.setBehaviour({ hangMs: timeoutMs * 10 });
    try {
      const g = await runToEnd(t, user, 'stuck service');
      expect(g).toMatchObject({
        status: 'failed',
        refunded: 2,
        error: { code: 'provider_busy', message: expect.stringContaining('Your credits were refunded') },
      });
      expectPlainFailure(g, sim.url);
      expect(await refundsFor(t, g.id)).toBe(1);
      expect(creates - before).toBe(t.deps.generation.settings.maxAttempts);
    } finally {
      sim.setBehaviour({ hangMs: 0 });
    }
    expect(await balanceOf(t, user)).toBe(user.credits);
  }, 60_000);

  it('KIE hanging once, then answering: retried, then done with one task', async () => {
    const user = await givenVerifiedUser(t);
    const before = creates;
    sim.setBehaviour({ hangMs: timeoutMs * 5 });
    // End the hang once the first createTask has timed out, so the retry gets an answer.
    onCreateFailed = () => {
      onCreateFailed = null;
      sim.setBehaviour({ hangMs: 0 });
    };
    try {
      const g = await runToEnd(t, user, 'slow start');
      expect(g.status).toBe('succeeded');
      expect(g.images).toHaveLength(1);
      expect(creates - before).toBe(2);
      const row = await rowOf(t.deps.db, tables.generations, eq(tables.generations.id, g.id));
      expect(row!.providerTaskIds).toHaveLength(1);
    } finally {
      onCreateFailed = null;
      sim.setBehaviour({ hangMs: 0 });
    }
    expect(await balanceOf(t, user)).toBe(user.credits - 2);
  });
});
