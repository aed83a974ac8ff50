import { randomUUID } from 'node:crypto';
import { type DownloadedImage, ProviderError } from '../types.js';
import { a1111Error } from './errors.js';

/**
 * In-memory tasks for a synchronous API behind a task-based port. Each task
 * goes queued → running → succeeded | failed; nothing survives a restart.
 * Memory is bounded three ways: at most `maxQueued` waiting requests, at most
 * `maxFinished` finished tasks and `maxBytes` of result bytes (oldest
 * finished first out), and result bytes released once downloaded.
 */

export type Work = () => Promise<DownloadedImage>;

export type TaskView =
  | { status: 'queued' }
  | { status: 'running' }
  | { status: 'succeeded'; imageCount: number }
  | { status: 'failed'; error: ProviderError };

interface Entry {
  view: TaskView;
  /** Set while queued; dropped once started so the request body can be collected. */
  work?: Work;
  image?: DownloadedImage;
  /** Last createTask/getTask for this id: a queued task nobody asks about is abandoned. */
  lastSeenAt: number;
}

export interface TaskStoreOptions {
  concurrency: number;
  maxQueued: number;
  maxFinished: number;
  maxBytes: number;
  /** A queued task not polled for this long is dropped before it reaches the GPU. */
  abandonAfterMs: number;
  now?: () => number;
  onAbandoned?: (taskId: string) => void;
  onFinished?: (taskId: string, view: TaskView) => void;
}

export interface TaskStore {
  /** Queues `work` and returns its task id; throws queue_full when too many are waiting. */
  submit(work: Work): string;
  /** The task's current view (and marks it as still wanted), or undefined when unknown. */
  view(taskId: string): TaskView | undefined;
  /**
   * The result bytes, or undefined when absent. They stay until the caps evict
   * them, so a retried job (e.g. storage failed after the download) can read again.
   */
  read(taskId: string): DownloadedImage | undefined;
  /** How many tasks are running right now. */
  runningCount(): number;
}

export function createTaskStore(options: TaskStoreOptions): TaskStore {
  const now = options.now ?? Date.now;
  const tasks = new Map<string, Entry>();
  const queue: string[] = [];
  // Insertion order is finish order, so the first key is the oldest finished task.
  const finished = new Set<string>();
  let running = 0;
  let heldBytes = 0;

  function evict() {
    for (const id of finished) {
      if (finished.size <= options.maxFinished && heldBytes <= options.maxBytes) return;
      heldBytes -= tasks.get(id)?.image?.bytes.length ?? 0;
      tasks.delete(id);
      finished.delete(id);
    }
  }

  function finish(id: string, entry: Entry, view: TaskView, image?: DownloadedImage) {
    entry.view = view;
    if (image) {
      entry.image = image;
      heldBytes += image.bytes.length;
    }
    finished.add(id);
    evict();
    options.onFinished?.(id, view);
  }

  function start(id: string, entry: Entry, work: Work) {
    running++;
    entry.view = { status: 'running' };
    entry.work = undefined;
    // Through a promise, so a work function that throws synchronously still ends as a failed task.
    Promise.resolve()
      .then(work)
      .then(
        (image) => finish(id, entry, { status: 'succeeded', imageCount: 1 }, image),
        (error: unknown) => {
          const safe = error instanceof ProviderError ? error : a1111Error('provider_unavailable', `unexpected ${String(error)}`);
          finish(id, entry, { status: 'failed', error: safe });
        },
      )
      // Only a throwing onFinished hook lands here; the task itself is already settled.
      .catch(() => undefined)
      .finally(() => {
        running--;
        pump();
      });
  }

  function pump() {
    while (running < options.concurrency) {
      const id = queue.shift();
      if (id === undefined) return;
      const entry = tasks.get(id);
      if (!entry?.work) continue;
      if (now() - entry.lastSeenAt > options.abandonAfterMs) {
        // The generation gave up (deadline, deletion): do not spend GPU time on it.
        tasks.delete(id);
        options.onAbandoned?.(id);
        continue;
      }
      start(id, entry, entry.work);
    }
  }

  return {
    submit(work) {
      if (queue.length >= options.maxQueued) throw a1111Error('queue_full', `${queue.length} tasks already waiting for the webui`);
      const id = `a1111_${randomUUID()}`;
      tasks.set(id, { view: { status: 'queued' }, work, lastSeenAt: now() });
      queue.push(id);
      pump();
      return id;
    },
    view(taskId) {
      const entry = tasks.get(taskId);
      if (!entry) return undefined;
      entry.lastSeenAt = now();
      return entry.view;
    },
    read(taskId) {
      return tasks.get(taskId)?.image;
    },
    runningCount: () => running,
  };
}
