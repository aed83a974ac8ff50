import { describe, expect, it } from 'vitest';
import type { DownloadedImage } from '../types.js';
import { a1111Error } from './errors.js';
import { createTaskStore, type TaskStoreOptions } from './task-store.js';

const image = (size: number): DownloadedImage => ({ bytes: Buffer.alloc(size), contentType: 'image/png' });

/** A work function the test finishes by hand. */
function deferred() {
  let resolve!: (value: DownloadedImage) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<DownloadedImage>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  let started = false;
  const work = () => {
    started = true;
    return promise;
  };
  return { work, resolve, reject, started: () => started };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

function store(overrides: Partial<TaskStoreOptions> = {}) {
  return createTaskStore({ concurrency: 1, maxQueued: 10, maxFinished: 10, maxBytes: 1_000, abandonAfterMs: 60_000, ...overrides });
}

describe('the A1111 task store', () => {
  it('starts one task at a time with concurrency 1, the next when the first finishes', async () => {
    const tasks = store();
    const [a, b] = [deferred(), deferred()];
    const idA = tasks.submit(a.work);
    const idB = tasks.submit(b.work);
    await settle();
    expect([tasks.view(idA), tasks.view(idB)]).toEqual([{ status: 'running' }, { status: 'queued' }]);
    expect(b.started()).toBe(false);
    a.resolve(image(10));
    await settle();
    expect(tasks.view(idA)).toEqual({ status: 'succeeded', imageCount: 1 });
    expect(b.started()).toBe(true);
  });

  it('keeps a failed task with its error, and turns a non-ProviderError into provider_unavailable', async () => {
    const tasks = store({ concurrency: 2 });
    const [a, b] = [deferred(), deferred()];
    const idA = tasks.submit(a.work);
    const idB = tasks.submit(b.work);
    a.reject(a1111Error('result_not_image', 'x'));
    b.reject(new TypeError('bug'));
    await settle();
    expect(tasks.view(idA)).toMatchObject({ status: 'failed', error: { code: 'result_not_image' } });
    expect(tasks.view(idB)).toMatchObject({ status: 'failed', error: { code: 'provider_unavailable', kind: 'transient' } });
  });

  it('hands result bytes out again to a retried job', async () => {
    const tasks = store();
    const id = tasks.submit(async () => image(10));
    await settle();
    expect(tasks.read(id)?.bytes.length).toBe(10);
    expect(tasks.read(id)?.bytes.length).toBe(10);
    expect(tasks.view(id)).toEqual({ status: 'succeeded', imageCount: 1 });
  });

  it('drops the oldest finished tasks when the kept bytes pass maxBytes', async () => {
    const tasks = store({ maxBytes: 250, concurrency: 3 });
    const ids = [tasks.submit(async () => image(100)), tasks.submit(async () => image(100)), tasks.submit(async () => image(100))];
    await settle();
    expect(ids.map((id) => tasks.view(id)?.status)).toEqual([undefined, 'succeeded', 'succeeded']);
  });

  it('answers queue_full when maxQueued tasks are waiting', async () => {
    const tasks = store({ maxQueued: 1 });
    tasks.submit(deferred().work);
    await settle();
    tasks.submit(deferred().work);
    expect(() => tasks.submit(deferred().work)).toThrow(expect.objectContaining({ kind: 'transient', code: 'queue_full' }));
  });

  it('drops a queued task nobody polled for abandonAfterMs instead of running it', async () => {
    let now = 0;
    const abandoned: string[] = [];
    const tasks = store({ abandonAfterMs: 1_000, now: () => now, onAbandoned: (id) => abandoned.push(id) });
    const [first, polled, forgotten] = [deferred(), deferred(), deferred()];
    tasks.submit(first.work);
    const polledId = tasks.submit(polled.work);
    const forgottenId = tasks.submit(forgotten.work);
    now = 1_500;
    tasks.view(polledId);
    first.resolve(image(1));
    await settle();
    expect(polled.started()).toBe(true);
    polled.resolve(image(1));
    await settle();
    expect(forgotten.started()).toBe(false);
    expect(tasks.view(forgottenId)).toBeUndefined();
    expect(abandoned).toEqual([forgottenId]);
  });
});
