import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { submit, waitForTerminal } from '../helpers/generations.js';
import { givenVerifiedUser } from '../helpers/users.js';

describe('GET /metrics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ env: { METRICS_TOKEN: 'scrape-me' } });
  });
  afterAll(() => t.close());

  const scrape = (auth = 'Bearer scrape-me') => t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: auth } });

  it('requires the metrics token when one is configured', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    expect((await scrape('Bearer wrong')).statusCode).toBe(401);
  });

  it('reports generations by status, refunds, provider latency and ingestion time', async () => {
    const user = await givenVerifiedUser(t);
    await waitForTerminal(t, user, (await submit(t, user, { prompt: 'metric ok' })).json().id);
    await waitForTerminal(t, user, (await submit(t, user, { prompt: 'metric [sim:fail]' })).json().id);
    const res = await scrape();
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    const text = res.body;
    expect(text).toMatch(/animegen_generations\{status="succeeded",provider="kie"\} 1/);
    expect(text).toMatch(/animegen_generations\{status="failed",provider="kie"\} 1/);
    expect(text).toMatch(/animegen_refunds\{measure="count"\} 1/);
    expect(text).toMatch(/animegen_refunds\{measure="credits"\} 2/);
    expect(text).toMatch(/animegen_provider_request_seconds_count\{provider="kie",operation="create_task",outcome="ok"\} 2/);
    expect(text).toMatch(/animegen_result_ingestion_seconds_count 1/);
    expect(text).toMatch(/animegen_generations_finished_total\{provider="kie",status="failed"\} 1/);
    expect(text).toContain('animegen_queue_jobs');
  });
});

describe('GET /metrics with no worker running', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ worker: false });
  });
  afterAll(() => t.close());

  it('counts the generations waiting in the queue', async () => {
    const user = await givenVerifiedUser(t);
    for (const prompt of ['waiting 1', 'waiting 2', 'waiting 3']) expect((await submit(t, user, { prompt })).statusCode).toBe(202);
    const text = (await t.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(text).toMatch(/animegen_queue_jobs\{queue="generation\.run",state="created"\} 3/);
  });
});
