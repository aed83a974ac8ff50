import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type A1111Fake, type A1111FakeOptions, startA1111Fake } from '../../../test/fakes/a1111-fake.js';
import { providerErrorOf, waitForTask } from '../../../test/fakes/kie-simulator.js';
import type { CreateTaskInput, ImageProvider, ProviderError } from '../types.js';
import { type A1111ProviderOptions, createA1111Provider } from './a1111-provider.js';

let fake: A1111Fake | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function given(fakeOptions: A1111FakeOptions = {}, adapter: Partial<A1111ProviderOptions> = {}) {
  fake = await startA1111Fake({ checkpoints: ['anything-v5.safetensors [7f96a1a9ca]'], ...fakeOptions });
  return createA1111Provider({ baseUrl: fake.url, timeoutMs: 5_000, defaults: { longestSide: 64 }, ...adapter });
}

const taskInput = (overrides: Partial<CreateTaskInput> = {}): CreateTaskInput => ({
  providerModel: 'default',
  prompt: '1girl, silver hair',
  aspectRatio: '1:1',
  seed: 7,
  references: [],
  ...overrides,
});

/** The error a task ends with after the webui answered its generation call. */
async function taskFailure(provider: ImageProvider): Promise<ProviderError> {
  const state = await waitForTask(provider, await provider.createTask(taskInput()));
  if (state.state !== 'failed') throw new Error(`expected failure, got ${JSON.stringify(state)}`);
  return state.error;
}

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('A1111 adapter: a webui that cannot take the call makes createTask throw', () => {
  it('classifies 401 from --api-auth as a provider account auth problem, and never repeats the password', async () => {
    const provider = await given({ auth: { username: 'anime', password: 'right' } }, { username: 'anime', password: 'wrong-pw' });
    const error = await providerErrorOf(provider.createTask(taskInput()));
    expect(error).toMatchObject({ kind: 'provider_account', code: 'auth' });
    expect(`${error.message} ${error.detail} ${error.userMessage}`).not.toContain('wrong-pw');
    expect(fake?.generations()).toEqual([]);
  });

  it('classifies 404 on /sdapi as a webui started without --api, naming the flag for the operator', async () => {
    const provider = await given({ api: false });
    const error = await providerErrorOf(provider.createTask(taskInput()));
    expect(error).toMatchObject({ kind: 'provider_account', code: 'api_disabled' });
    expect(error.detail).toContain('--api');
  });

  it('classifies a refused connection as transient provider_unavailable', async () => {
    const provider = createA1111Provider({ baseUrl: `http://127.0.0.1:${await closedPort()}` });
    expect(await providerErrorOf(provider.createTask(taskInput()))).toMatchObject({ kind: 'transient', code: 'provider_unavailable' });
  });

  it('refuses a checkpoint the webui does not list, as an operator problem', async () => {
    const provider = await given();
    const error = await providerErrorOf(provider.createTask(taskInput({ providerModel: 'google/nano-banana' })));
    expect(error).toMatchObject({ kind: 'provider_account', code: 'checkpoint_not_found' });
    expect(error.detail).toContain('anything-v5.safetensors [7f96a1a9ca]');
    expect(fake?.generations()).toEqual([]);
  });
});

describe('A1111 adapter: a generation call that goes wrong fails its task', () => {
  it('reports HTTP 500 as a transient provider_unavailable failure', async () => {
    const provider = await given({
      behaviour: { failWith: { status: 500, body: { error: 'OutOfMemoryError', detail: 'CUDA out of memory' } } },
    });
    expect(await taskFailure(provider)).toMatchObject({ kind: 'transient', code: 'provider_unavailable' });
  });

  it('reports a response without images as a permanent result_not_image failure', async () => {
    const provider = await given({ behaviour: { result: 'no-images' } });
    expect(await taskFailure(provider)).toMatchObject({ kind: 'permanent', code: 'result_not_image' });
  });

  it('reports base64 that is not an image as a permanent result_not_image failure', async () => {
    const provider = await given({ behaviour: { result: 'not-an-image' } });
    expect(await taskFailure(provider)).toMatchObject({ kind: 'permanent', code: 'result_not_image' });
  });

  it('reports a 422 validation error as permanent invalid_input', async () => {
    const provider = await given({}, { defaults: { longestSide: 64, steps: 20 } });
    fake?.behave({ failWith: { status: 422, body: { detail: [{ loc: ['body', 'steps'], msg: 'not a valid integer' }] } } });
    const error = await taskFailure(provider);
    expect(error).toMatchObject({ kind: 'permanent', code: 'invalid_input' });
    expect(error.detail).toContain('steps');
  });

  it('reports an unknown sampler (404 with a detail) as invalid input, not as a missing --api', async () => {
    const provider = await given({}, { defaults: { longestSide: 64, sampler: 'No Such Sampler' } });
    const error = await taskFailure(provider);
    expect(error).toMatchObject({ kind: 'permanent', code: 'invalid_input' });
    expect(error.detail).toContain('Sampler not found');
  });

  it('keeps the password and the Basic token out of a failure, even when the webui echoes them', async () => {
    const token = Buffer.from('anime:s3cret').toString('base64');
    const provider = await given({ auth: { username: 'anime', password: 's3cret' } }, { username: 'anime', password: 's3cret' });
    fake?.behave({ failWith: { status: 500, body: { detail: `proxy saw Authorization: Basic ${token} for s3cret` } } });
    const error = await taskFailure(provider);
    expect(error.detail).toContain('[redacted]');
    expect(`${error.message} ${error.detail}`).not.toMatch(/s3cret|YW5pbWU6czNjcmV0/);
  });

  it('reports a call that outlives timeoutMs as transient provider_unavailable', async () => {
    const provider = await given({ behaviour: { delayMs: 1_000 } }, { timeoutMs: 100 });
    const error = await taskFailure(provider);
    expect(error).toMatchObject({ kind: 'transient', code: 'provider_unavailable' });
    expect(error.detail).toContain('timed out');
  });
});

describe('A1111 adapter: tasks live in this process only', () => {
  it('answers an unknown task id with permanent task_not_found, as after a restart', async () => {
    const provider = await given();
    const before = createA1111Provider({ baseUrl: fake?.url ?? '', defaults: { longestSide: 64 } });
    const taskId = await before.createTask(taskInput());
    for (const id of [taskId, 'a1111_not-a-real-id', 'kie-task-1']) {
      expect(await providerErrorOf(provider.getTask(id))).toMatchObject({ kind: 'permanent', code: 'task_not_found' });
    }
    await waitForTask(before, taskId);
  });
});
