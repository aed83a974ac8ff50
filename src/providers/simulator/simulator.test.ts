import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from './server.js';

const KEY = 'sim-key';
const UA = 'simulator-test/1.0';
let sim: Simulator;
afterEach(async () => {
  await sim?.close();
});

async function api(path: string, init: { method?: string; body?: unknown; key?: string } = {}) {
  const res = await fetch(`${sim.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { 'User-Agent': UA, Authorization: `Bearer ${init.key ?? KEY}`, 'Content-Type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return {
    status: res.status,
    body: (await res.json()) as { code: number; msg?: string; message?: string; data: Record<string, unknown> },
  };
}

const create = (input: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  api('/api/v1/jobs/createTask', { method: 'POST', body: { model: 'google/nano-banana', input, ...extra } });

async function finishedRecord(taskId: string): Promise<Record<string, unknown>> {
  for (;;) {
    const { body } = await api(`/api/v1/jobs/recordInfo?taskId=${taskId}`);
    if (body.data.state === 'success' || body.data.state === 'fail') return body.data;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('KIE simulator protocol', () => {
  it('moves a task waiting → generating → success with KIE record fields, param and resultJson as JSON strings', async () => {
    // Long enough that a loaded machine still sees each state: waiting for the first 400 ms, then generating.
    sim = await startSimulator({ apiKey: KEY, delayMs: 2000 });
    const created = await create({ prompt: 'moon rabbit', image_size: '9:16', output_format: 'png' });
    expect(created).toMatchObject({ status: 200, body: { code: 200, msg: 'success' } });
    const taskId = String(created.body.data.taskId);
    const first = await api(`/api/v1/jobs/recordInfo?taskId=${taskId}`);
    expect(first.body.data.state).toBe('waiting');
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect((await api(`/api/v1/jobs/recordInfo?taskId=${taskId}`)).body.data.state).toBe('generating');
    const record = await finishedRecord(taskId);
    expect(record).toMatchObject({ taskId, model: 'google/nano-banana', state: 'success', progress: 100, creditsConsumed: 4 });
    expect(JSON.parse(String(record.param))).toEqual({
      model: 'google/nano-banana',
      input: { prompt: 'moon rabbit', image_size: '9:16', output_format: 'png' },
    });
    const urls = JSON.parse(String(record.resultJson)).resultUrls as string[];
    expect(urls[0]).toMatch(new RegExp(`^${sim.url}/files/[0-9a-f]+\\.png$`));
    expect(Number(record.completeTime)).toBeGreaterThanOrEqual(Number(record.createTime));
    expect(record.costTime).toBe(Number(record.completeTime) - Number(record.createTime));
  });

  it('answers a wrong key with HTTP 200 and body code 401', async () => {
    sim = await startSimulator({ apiKey: KEY, delayMs: 20 });
    const res = await api('/api/v1/jobs/recordInfo?taskId=x', { key: 'nope' });
    expect(res).toEqual({ status: 200, body: { code: 401, msg: 'You do not have access permissions', data: null } });
  });

  it('answers a request with no User-Agent header at all with HTTP 403 HTML "error code: 1010"', async () => {
    sim = await startSimulator({ delayMs: 20 });
    const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = httpRequest(`${sim.url}/api/v1/jobs/recordInfo?taskId=x`, (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
    expect(text).toContain('error code: 1010');
  });

  it('refuses a task without a prompt with code 422 and does not create it', async () => {
    sim = await startSimulator({ apiKey: KEY, delayMs: 20 });
    expect((await create({ image_size: '1:1' })).body).toMatchObject({ code: 422, msg: 'prompt is required' });
    expect(sim.tasks()).toHaveLength(0);
  });

  it('refuses, as KIE does, an unknown model, a missing or wrong field and too many references', async () => {
    sim = await startSimulator({ apiKey: KEY, delayMs: 20 });
    const edit = (input: Record<string, unknown>) =>
      api('/api/v1/jobs/createTask', { method: 'POST', body: { model: 'google/nano-banana-edit', input } });
    const ok = { prompt: 'p', image_size: '1:1', output_format: 'png', image_urls: ['https://example.com/a.png'] };
    expect((await create({ prompt: 'p', image_size: '1:1', output_format: 'png' }, { model: 'someone/unknown' })).body).toMatchObject({
      code: 422,
      msg: 'model someone/unknown is not supported',
    });
    expect((await edit({ ...ok, output_format: undefined })).body).toMatchObject({ code: 422, msg: 'output_format is required' });
    expect((await edit({ ...ok, image_size: '1:8' })).body).toMatchObject({
      code: 422,
      msg: expect.stringContaining('image_size must be one of'),
    });
    expect((await edit({ ...ok, image_urls: [] })).body).toMatchObject({ code: 422, msg: 'image_urls is required' });
    expect((await edit({ ...ok, image_urls: Array(11).fill('https://example.com/a.png') })).body).toMatchObject({
      code: 422,
      msg: 'image_urls takes at most 10 URLs',
    });
    expect((await edit({ ...ok, prompt: 'x'.repeat(5001) })).body).toMatchObject({
      code: 422,
      msg: 'prompt is longer than 5000 characters',
    });
    expect(sim.tasks()).toHaveLength(0);
    expect((await edit(ok)).body).toMatchObject({ code: 200 });
  });

  it('holds seeds, negative prompts, steps and guidance to each model schema, and refuses fields a model has no use for', async () => {
    sim = await startSimulator({ apiKey: KEY, delayMs: 20 });
    const qwen = (input: Record<string, unknown>) =>
      api('/api/v1/jobs/createTask', { method: 'POST', body: { model: 'qwen/text-to-image', input } });
    const ok = {
      prompt: 'p',
      image_size: 'square_hd',
      num_inference_steps: 30,
      guidance_scale: 2.5,
      acceleration: 'none',
      output_format: 'png',
      seed: 7,
      negative_prompt: 'blurry',
    };
    const refusal = async (input: Record<string, unknown>) => (await qwen(input)).body;
    expect(await refusal({ ...ok, seed: 1.5 })).toMatchObject({ code: 422, msg: 'seed must be an integer' });
    expect(await refusal({ ...ok, seed: '7' })).toMatchObject({ code: 422, msg: 'seed must be an integer' });
    expect(await refusal({ ...ok, num_inference_steps: 251 })).toMatchObject({
      code: 422,
      msg: 'num_inference_steps must be between 2 and 250',
    });
    expect(await refusal({ ...ok, guidance_scale: undefined })).toMatchObject({ code: 422, msg: 'guidance_scale is required' });
    expect(await refusal({ ...ok, negative_prompt: 'x'.repeat(501) })).toMatchObject({
      code: 422,
      msg: 'negative_prompt is longer than 500 characters',
    });
    expect(await refusal({ ...ok, sampler: 'Euler a' })).toMatchObject({ code: 422, msg: 'sampler is not a field of qwen/text-to-image' });
    // A model without a negative prompt is not sent one: it would be dropped, and the user would never know.
    expect((await create({ prompt: 'p', image_size: '1:1', output_format: 'png', negative_prompt: 'x' })).body).toMatchObject({
      code: 422,
      msg: 'negative_prompt is not a field of google/nano-banana',
    });
    expect(sim.tasks()).toHaveLength(0);
    expect((await qwen(ok)).body).toMatchObject({ code: 200 });
  });

  it('answers an unknown task id with 422 "recordInfo is null"', async () => {
    sim = await startSimulator({ apiKey: KEY, delayMs: 20 });
    expect((await api('/api/v1/jobs/recordInfo?taskId=nope')).body).toEqual({ code: 422, msg: 'recordInfo is null', data: null });
  });

  it('stores an upload and returns its downloadUrl in the documented envelope', async () => {
    sim = await startSimulator({ apiKey: KEY, delayMs: 20 });
    const form = new FormData();
    form.append('file', new Blob([Buffer.from('fake-bytes')], { type: 'image/png' }), 'ref.png');
    form.append('uploadPath', 'animegen');
    form.append('fileName', 'ref-123.png');
    const res = await fetch(`${sim.url}/api/file-stream-upload`, {
      method: 'POST',
      headers: { 'User-Agent': UA, Authorization: `Bearer ${KEY}` },
      body: form,
    });
    const body = (await res.json()) as { code: number; success: boolean; data: Record<string, unknown> };
    expect(body).toMatchObject({
      code: 200,
      success: true,
      data: { fileName: 'ref-123.png', filePath: 'animegen/ref-123.png', fileSize: 10 },
    });
    expect(body.data.mimeType).toBe('image/png');
    const file = await fetch(String(body.data.downloadUrl), { headers: { 'User-Agent': UA } });
    expect(await file.text()).toBe('fake-bytes');
    expect(sim.stats()).toMatchObject({ uploads: 1, downloads: 1 });
  });

  it('emits `message` instead of `msg` when told to', async () => {
    sim = await startSimulator({ apiKey: KEY, delayMs: 20 });
    sim.setBehaviour({ useMessageField: true });
    const { body } = await api('/api/v1/jobs/recordInfo?taskId=nope');
    expect(body.message).toBe('recordInfo is null');
    expect(body.msg).toBeUndefined();
  });

  it('takes behaviour and reports stats over its control endpoints', async () => {
    sim = await startSimulator({ apiKey: KEY, delayMs: 20 });
    const set = await fetch(`${sim.url}/_sim/behaviour`, { method: 'POST', body: JSON.stringify({ outOfCredits: true, delayMs: 5 }) });
    expect(await set.json()).toMatchObject({ outOfCredits: true, delayMs: 5, rateLimit: true });
    expect((await create({ prompt: 'x' })).body.code).toBe(402);
    const bad = await fetch(`${sim.url}/_sim/behaviour`, { method: 'POST', body: JSON.stringify({ delayMs: -1 }) });
    expect(bad.status).toBe(400);
    expect(await (await fetch(`${sim.url}/_sim/stats`)).json()).toEqual({ createTask: 1, recordInfo: 0, uploads: 0, downloads: 0 });
  });

  it('posts a failure callback with code 501, failCode and failMsg', async () => {
    const received: Array<{ code: number; data: Record<string, unknown> }> = [];
    const receiver = createServer((req, res) => {
      let text = '';
      req.on('data', (chunk) => (text += chunk));
      req.on('end', () => {
        received.push(JSON.parse(text));
        res.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      sim = await startSimulator({ apiKey: KEY, delayMs: 20 });
      const callBackUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/cb`;
      const { body } = await create({ prompt: 'x [sim:fail]', image_size: '1:1', output_format: 'png' }, { callBackUrl });
      await expect.poll(() => received.length).toBe(1);
      expect(received[0]).toMatchObject({
        code: 501,
        data: { taskId: body.data.taskId, state: 'fail', failCode: '500', failMsg: 'Internal server error', consumeCredits: 0 },
      });
    } finally {
      receiver.close();
    }
  });
});
