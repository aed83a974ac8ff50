import { afterEach, describe, expect, it } from 'vitest';
import { makeTaskInput, providerErrorOf, SIM_API_KEY, type SimulatedKie, startSimulatedKie } from '../../../test/fakes/kie-simulator.js';
import { unlimitedRateLimiter } from './rate-limit.js';

let kie: SimulatedKie;
afterEach(async () => {
  await kie?.close();
});

const UA = { 'User-Agent': 'quirk-test/1.0' };

describe('KIE adapter: envelope quirks of the real service', () => {
  it('treats body code 500 under HTTP 200 as a transient kie_500, and the next create succeeds', async () => {
    kie = await startSimulatedKie();
    kie.sim.setBehaviour({ failNextCreates: 1 });
    const raw = await fetch(`${kie.sim.url}/api/v1/jobs/createTask`, {
      method: 'POST',
      headers: { ...UA, Authorization: `Bearer ${SIM_API_KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ model: 'google/nano-banana', input: { prompt: 'x' } }),
    });
    expect(raw.status).toBe(200);
    expect(await raw.json()).toMatchObject({ code: 500 });
    kie.sim.setBehaviour({ failNextCreates: 1 });
    expect(await providerErrorOf(kie.provider.createTask(makeTaskInput()))).toMatchObject({ kind: 'transient', code: 'kie_500' });
    await expect(kie.provider.createTask(makeTaskInput())).resolves.toMatch(/^task_/);
  });

  it('reads `message` when the service sends it instead of `msg`', async () => {
    kie = await startSimulatedKie();
    kie.sim.setBehaviour({ useMessageField: true, outOfCredits: true });
    const error = await providerErrorOf(kie.provider.createTask(makeTaskInput()));
    expect(error.detail).toContain('Credits insufficient');
    kie.sim.setBehaviour({ outOfCredits: false });
    await expect(kie.provider.createTask(makeTaskInput())).resolves.toMatch(/^task_/);
  });

  it('classifies an out-of-credits account as provider_account, not as a user error', async () => {
    kie = await startSimulatedKie();
    kie.sim.setBehaviour({ outOfCredits: true });
    expect(await providerErrorOf(kie.provider.createTask(makeTaskInput()))).toMatchObject({
      kind: 'provider_account',
      code: 'insufficient_provider_credits',
    });
  });

  it('classifies a wrong key (HTTP 200, body code 401) as provider_account auth and never reveals the key', async () => {
    const key = 'wrong-key-0123456789';
    kie = await startSimulatedKie({ provider: { apiKey: key } });
    const error = await providerErrorOf(kie.provider.createTask(makeTaskInput()));
    expect(error).toMatchObject({ kind: 'provider_account', code: 'auth' });
    expect(`${error.message} ${error.detail} ${error.userMessage} ${error.stack}`).not.toContain(key);
  });

  it('answers a request without a real User-Agent with HTTP 403 and an HTML body', async () => {
    kie = await startSimulatedKie();
    // Node's fetch sends only its bare default "node" when no User-Agent is given.
    const raw = await fetch(`${kie.sim.url}/api/v1/jobs/recordInfo?taskId=x`, { headers: { Authorization: `Bearer ${SIM_API_KEY}` } });
    expect(raw.status).toBe(403);
    expect(raw.headers.get('content-type')).toContain('text/html');
    expect(await raw.text()).toContain('error code: 1010');
  });

  it('classifies a Cloudflare HTML 403 as transient blocked_html', async () => {
    const withoutUserAgent: typeof fetch = (input, init) => {
      const headers = new Headers(init?.headers);
      headers.delete('user-agent');
      return fetch(input, { ...init, headers });
    };
    kie = await startSimulatedKie({ provider: { fetch: withoutUserAgent } });
    expect(await providerErrorOf(kie.provider.createTask(makeTaskInput()))).toMatchObject({ kind: 'transient', code: 'blocked_html' });
  });

  it('classifies an HTTP 503 HTML page as transient provider_unavailable', async () => {
    kie = await startSimulatedKie();
    kie.sim.setBehaviour({ httpErrors: 1 });
    const error = await providerErrorOf(kie.provider.createTask(makeTaskInput()));
    expect(error).toMatchObject({
      kind: 'transient',
      code: 'provider_unavailable',
      userMessage: "The image service is busy. We'll retry automatically.",
    });
    await expect(kie.provider.createTask(makeTaskInput())).resolves.toMatch(/^task_/);
  });

  it('maps recordInfo 422 "recordInfo is null" to a permanent task_not_found', async () => {
    kie = await startSimulatedKie();
    expect(await providerErrorOf(kie.provider.getTask('task_that_never_was'))).toMatchObject({ kind: 'permanent', code: 'task_not_found' });
  });

  it('maps a createTask 422 (missing prompt) to a permanent invalid_input', async () => {
    kie = await startSimulatedKie();
    const error = await providerErrorOf(kie.provider.createTask(makeTaskInput({ prompt: '' })));
    expect(error).toMatchObject({ kind: 'permanent', code: 'invalid_input' });
    expect(error.detail).toContain('prompt is required');
  });

  it('gets a transient rate_limited on the 21st create within 10 s, and that task is not queued', async () => {
    kie = await startSimulatedKie({ provider: { rateLimiter: unlimitedRateLimiter } });
    for (let i = 0; i < 20; i++) await kie.provider.createTask(makeTaskInput({ prompt: `cat ${i}` }));
    expect(await providerErrorOf(kie.provider.createTask(makeTaskInput({ prompt: 'cat 21' })))).toMatchObject({
      kind: 'transient',
      code: 'rate_limited',
    });
    expect(kie.sim.tasks()).toHaveLength(20);
    expect(kie.sim.tasks().some((t) => t.input.prompt === 'cat 21')).toBe(false);
  });

  it('turns a createTask that outlasts the timeout into a transient error', async () => {
    kie = await startSimulatedKie({ provider: { timeoutMs: 80 } });
    kie.sim.setBehaviour({ hangMs: 1_000 });
    const started = Date.now();
    const error = await providerErrorOf(kie.provider.createTask(makeTaskInput()));
    expect(error).toMatchObject({ kind: 'transient', code: 'provider_unavailable' });
    expect(error.detail).toContain('timed out');
    expect(Date.now() - started).toBeLessThan(800);
  });

  it('turns a download that outlasts the timeout into a transient error', async () => {
    kie = await startSimulatedKie({ provider: { timeoutMs: 80 } });
    kie.sim.setBehaviour({ hangMs: 1_000 });
    const error = await providerErrorOf(kie.provider.downloadResult(`${kie.sim.url}/files/anything.png`));
    expect(error).toMatchObject({ kind: 'transient', code: 'provider_unavailable' });
  });

  it('turns a refused connection into a transient error', async () => {
    kie = await startSimulatedKie();
    await kie.sim.close();
    expect(await providerErrorOf(kie.provider.getTask('task_x'))).toMatchObject({ kind: 'transient', code: 'provider_unavailable' });
  });
});
