/** A job as pg-boss's fetch returns it with metadata (the fields we use). */
export interface FetchedJob {
  id: string;
  data: unknown;
  retryCount: number;
  retryLimit: number;
  expireInSeconds: number;
}

export interface RunnerPorts {
  /** Claims up to `count` jobs (pg-boss fetch: SKIP LOCKED, marks them active). */
  fetch(count: number): Promise<FetchedJob[]>;
  /** Marks finished jobs completed (several at once under load). */
  complete(ids: string[]): Promise<unknown>;
  fail(id: string, reason: unknown): Promise<unknown>;
  handler(job: FetchedJob): Promise<void>;
  onError(err: unknown): void;
}

/**
 * Runs one queue's jobs, up to `concurrency` at once, with ONE fetch loop.
 *
 * pg-boss's own `work()` is one polling loop per slot: 500 slots poll 500
 * times a second while idle, and waking them for a new job made every idle
 * slot fetch. Here one loop claims as many jobs as there are free slots in a
 * single query: when the poll interval comes round, when `wake()` says a job
 * was sent, and when a slot frees while jobs may be waiting. Completion, failure
 * and the handler's time limit (the job's expiry) are pg-boss's, as in `work()`.
 */
export class JobRunner {
  readonly #active = new Map<string, Promise<void>>();
  #woken = true;
  #backlog = false;
  #nextPollAt = 0;
  #stopping = false;
  #signal: (() => void) | null = null;
  #loop: Promise<void> | null = null;
  readonly #complete: (id: string) => Promise<void>;

  constructor(
    private readonly concurrency: number,
    private readonly pollMs: number,
    private readonly ports: RunnerPorts,
  ) {
    this.#complete = grouped((ids) => ports.complete(ids));
  }

  start(): void {
    this.#loop ??= this.#run();
  }

  /** A job was sent: fetch now, or as soon as a slot frees. */
  wake(): void {
    this.#woken = true;
    this.#signal?.();
  }

  /** Ids of the jobs running now. */
  active(): string[] {
    return [...this.#active.keys()];
  }

  /** Stops fetching; resolves once the running jobs end or `timeoutMs` passes. Returns the ids still running. */
  async stop(timeoutMs: number): Promise<string[]> {
    this.#stopping = true;
    this.#signal?.();
    await this.#loop;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    await Promise.race([Promise.allSettled(this.#active.values()), timeout]);
    clearTimeout(timer);
    return this.active();
  }

  async #run(): Promise<void> {
    while (!this.#stopping) {
      const free = this.concurrency - this.#active.size;
      if (free > 0 && (this.#woken || this.#backlog || Date.now() >= this.#nextPollAt)) {
        this.#woken = false;
        this.#nextPollAt = Date.now() + this.pollMs;
        const jobs = await this.ports.fetch(free).catch((err) => {
          this.ports.onError(err);
          return [] as FetchedJob[];
        });
        // A full batch may have left more behind: fetch again when a slot frees.
        this.#backlog = jobs.length === free;
        for (const job of jobs) this.#start(job);
        continue;
      }
      await this.#wait(free > 0 ? Math.max(0, this.#nextPollAt - Date.now()) : null);
    }
  }

  /** Until wake(), a slot frees, stop(), or `ms` passes (no timeout while every slot is busy). */
  #wait(ms: number | null): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = ms === null ? undefined : setTimeout(() => done(), ms);
      const done = () => {
        clearTimeout(timer);
        this.#signal = null;
        resolve();
      };
      this.#signal = done;
    });
  }

  #start(job: FetchedJob): void {
    const run = (async () => {
      try {
        await withinSeconds(this.ports.handler(job), job.expireInSeconds);
        await this.#complete(job.id);
      } catch (err) {
        await this.ports.fail(job.id, err).catch((e) => this.ports.onError(e));
      }
    })()
      .catch((err) => this.ports.onError(err))
      .finally(() => {
        this.#active.delete(job.id);
        this.#signal?.();
      });
    this.#active.set(job.id, run);
  }
}

/**
 * Group commit: each id waits for the call before it to end, then goes in one
 * call with every id that came meanwhile. Idle, an id is flushed at once; under
 * load 500 completions take a handful of statements instead of 500.
 */
export function grouped(flush: (ids: string[]) => Promise<unknown>): (id: string) => Promise<void> {
  let previous: Promise<unknown> = Promise.resolve();
  let gathering: { ids: string[]; done: Promise<void> } | null = null;
  return (id) => {
    if (!gathering) {
      const batch = { ids: [] as string[], done: Promise.resolve() };
      batch.done = previous
        .catch(() => {}) // that batch's callers have its error
        .then(() => {
          gathering = null;
          return flush(batch.ids);
        })
        .then(() => {});
      previous = batch.done;
      gathering = batch;
    }
    gathering.ids.push(id);
    return gathering.done;
  };
}

/** As pg-boss limits a handler: past the job's expiry it counts as failed (the job may run again). */
async function withinSeconds<T>(work: Promise<T>, seconds: number): Promise<T> {
  // PostgreSQL's numeric arrives as a string ("900.000000"); a missing value falls back to pg-boss's default.
  const given = Number(seconds);
  const ms = Math.max(1, Number.isFinite(given) ? given : 15 * 60) * 1000;
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`handler execution exceeded ${ms}ms`)), ms);
  });
  try {
    return await Promise.race([work, limit]);
  } finally {
    clearTimeout(timer);
  }
}
