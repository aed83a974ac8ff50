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

describe('KIE simulator: the Midjourney API', () => {
  const generate = (body: Record<string, unknown>) => api('/api/v1/mj/generate', { method: 'POST', body });
  const ok = { taskType: 'mj_txt2img', prompt: 'a fox spirit', speed: 'fast', aspectRatio: '2:3', version: 'niji6' };

  async function finishedMj(taskId: string): Promise<Record<string, unknown>> {
    for (;;) {
      const { body } = await api(`/api/v1/mj/record-info?taskId=${taskId}`);
      if (body.data.successFlag !== 0) return body.data;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  it('refuses invalid parameters with code 400, as KIE documents for this API, creating nothing', async () => {
    sim = await startSimulator({ apiKey: KEY, delayMs: 20 });
    const cases: [Record<string, unknown>, string][] = [
      [{ ...ok, taskType: undefined }, 'taskType is required'],
      [{ ...ok, taskType: 'mj_paint' }, 'taskType must be one of'],
      [{ ...ok, prompt: '' }, 'prompt is required'],
      [{ ...ok, prompt: 'x'.repeat(2001) }, 'prompt is longer than 2000 characters'],
      [{ ...ok, version: 'niji7' }, 'version must be one of 7, 6.1, 6, 5.2, 5.1, niji6'],
      [{ ...ok, aspectRatio: '21:9' }, 'aspectRatio must be one of'],
      [{ ...ok, speed: 'Relax' }, 'speed must be one of relaxed, fast, turbo'],
      [{ ...ok, speed: undefined }, 'speed is required for mj_txt2img'],
      [{ ...ok, stylization: 1001 }, 'stylization must be between 0 and 1000'],
      [{ ...ok, weirdness: 1.5 }, 'weirdness must be an integer'],
      [{ ...ok, variety: '10' }, 'variety must be an integer'],
      [{ ...ok, ow: 100 }, 'ow is only for mj_omni_reference'],
      [{ ...ok, taskType: 'mj_img2img' }, 'fileUrls is required for mj_img2img'],
      [{ ...ok, taskType: 'mj_style_reference', fileUrls: ['ftp://x/a.png'] }, 'fileUrls must be a list of http(s) URLs'],
      [{ ...ok, seed: 7 }, 'seed is not a field of mj/generate'],
      [{ ...ok, negativePrompt: 'blurry' }, 'negativePrompt is not a field of mj/generate'],
    ];
    for (const [body, msg] of cases) {
      expect((await generate(JSON.parse(JSON.stringify(body)))).body, msg).toMatchObject({ code: 400, msg: expect.stringContaining(msg) });
    }
    expect(sim.tasks()).toHaveLength(0);
    expect((await generate({ ...ok, stylization: 1000, weirdness: 3000, variety: 100 })).body).toMatchObject({ code: 200 });
  });

  it('answers record-info with successFlag, resultInfoJson of four resultUrl objects, paramJson and ISO times', async () => {
    sim = await startSimulator({ apiKey: KEY, delayMs: 50 });
    const { body } = await generate(ok);
    const taskId = String(body.data.taskId);
    expect((await api(`/api/v1/mj/record-info?taskId=${taskId}`)).body.data).toMatchObject({
      taskId,
      successFlag: 0,
      resultInfoJson: null,
    });
    const record = await finishedMj(taskId);
    expect(record).toMatchObject({ taskId, taskType: 'mj_txt2img', successFlag: 1, errorCode: null, errorMessage: null });
    expect(JSON.parse(String(record.paramJson))).toEqual(ok);
    const results = (record.resultInfoJson as { resultUrls: { resultUrl: string }[] }).resultUrls;
    expect(results).toHaveLength(4);
    for (const { resultUrl } of results) {
      const file = await fetch(resultUrl, { headers: { 'User-Agent': UA } });
      expect(file.headers.get('content-type')).toBe('image/png');
    }
    expect(String(record.createTime)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Date.parse(String(record.completeTime))).toBeGreaterThanOrEqual(Date.parse(String(record.createTime)));
  });

  it('keeps the two APIs apart: each answers the other one’s task id with 422 "recordInfo is null"', async () => {
    sim = await startSimulator({ apiKey: KEY, delayMs: 20 });
    const mj = String((await generate(ok)).body.data.taskId);
    const market = String((await create({ prompt: 'p', image_size: '1:1', output_format: 'png' })).body.data.taskId);
    expect((await api(`/api/v1/jobs/recordInfo?taskId=${mj}`)).body).toMatchObject({ code: 422, msg: 'recordInfo is null' });
    expect((await api(`/api/v1/mj/record-info?taskId=${market}`)).body).toMatchObject({ code: 422, msg: 'recordInfo is null' });
  });

  it('upscales and varies one image of a finished grid; refuses an index outside 0–3 or an unfinished grid', async () => {
    sim = await startSimulator({ apiKey: KEY, delayMs: 20 });
    const taskId = String((await generate(ok)).body.data.taskId);
    const early = await api('/api/v1/mj/generateUpscale', { method: 'POST', body: { taskId, imageIndex: 0 } });
    expect(early.body).toMatchObject({ code: 422, msg: 'record status is not success' });
    await finishedMj(taskId);
    const action = (path: string, body: Record<string, unknown>) => api(`/api/v1/mj/${path}`, { method: 'POST', body });
    expect((await action('generateVary', { taskId, imageIndex: 4 })).body).toMatchObject({
      code: 400,
      msg: 'imageIndex must be between 0 and 3',
    });
    expect((await action('generateVary', { imageIndex: 1 })).body).toMatchObject({ code: 400, msg: 'taskId is required' });
    expect((await action('generateUpscale', { taskId })).body).toMatchObject({ code: 400, msg: 'imageIndex is required' });
    const up = await action('generateUpscale', { taskId, imageIndex: 3 });
    const vary = await action('generateVary', { taskId, imageIndex: 0, waterMark: 'animegen' });
    const upRecord = await finishedMj(String(up.body.data.taskId));
    const varyRecord = await finishedMj(String(vary.body.data.taskId));
    expect(upRecord).toMatchObject({ successFlag: 1, taskType: 'mj_upscale' });
    expect((upRecord.resultInfoJson as { resultUrls: unknown[] }).resultUrls).toHaveLength(1);
    expect(varyRecord).toMatchObject({ successFlag: 1, taskType: 'mj_vary' });
    expect((varyRecord.resultInfoJson as { resultUrls: unknown[] }).resultUrls).toHaveLength(4);
  });

  it('posts callbacks in the Midjourney shape: a flat list of result URLs, and an empty one with code 500 on failure', async () => {
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
      const good = String((await generate({ ...ok, callBackUrl })).body.data.taskId);
      await expect.poll(() => received.length).toBe(1);
      const bad = String((await generate({ ...ok, prompt: 'x [sim:fail]', callBackUrl })).body.data.taskId);
      await expect.poll(() => received.length).toBe(2);
      const [success, failure] = received;
      expect(success).toMatchObject({ code: 200, data: { taskId: good, promptJson: expect.any(String) } });
      expect(success?.data.resultUrls).toEqual([
        expect.stringMatching(/\.png$/),
        expect.any(String),
        expect.any(String),
        expect.any(String),
      ]);
      expect(success?.data.state).toBeUndefined();
      expect(failure).toMatchObject({ code: 500, msg: 'Image generation failed', data: { taskId: bad, resultUrls: [] } });
    } finally {
      receiver.close();
    }
  });

  it('shares the create rate limit and behaviour switches with the Market API', async () => {
    sim = await startSimulator({ apiKey: KEY, delayMs: 20 });
    sim.setBehaviour({ outOfCredits: true });
    expect((await generate(ok)).body.code).toBe(402);
    sim.setBehaviour({ outOfCredits: false, throttleNextCreates: 1 });
    expect((await generate(ok)).body.code).toBe(429);
    expect(sim.tasks()).toHaveLength(0);
  });
});
