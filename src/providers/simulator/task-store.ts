import { createHmac, randomBytes } from 'node:crypto';
import { type Directive, HUGE_PREFIX, parseDirectives } from './directives.js';
import { midjourneyCallback, midjourneyRecord } from './midjourney-shape.js';
import { convertPlaceholder, renderPlaceholder, seedFromPrompt } from './render.js';
import { isToolModel, renderTool } from './tools.js';

export interface SimLog {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export type SimState = 'waiting' | 'generating' | 'success' | 'fail';

/** Which of KIE's APIs made a task: each has its own ids, record and callback shape. */
export type SimApi = 'market' | 'midjourney';

interface SimTask {
  taskId: string;
  api: SimApi;
  /** Midjourney: the task type record-info reports (mj_txt2img, or mj_upscale / mj_vary for the grid tools). */
  taskType?: string;
  /** Results it makes: one for Market tasks, four for a Midjourney grid, one for an upscale. */
  images: number;
  /** Seed of the first result; the others follow it. Unset: the request's seed, else one from the prompt. */
  seed?: number;
  model: string;
  param: string;
  input: Record<string, unknown>;
  callBackUrl?: string;
  directives: Set<Directive>;
  delayMs: number;
  createTime: number;
  updateTime: number;
  completeTime?: number;
  /** Set at creation when the behaviour said the next tasks fail (for prompt-less tools, which carry no directive). */
  failing?: boolean;
  outcome?: { state: 'success'; resultUrls: string[] } | { state: 'fail'; failCode: string; failMsg: string };
  timer?: NodeJS.Timeout;
}

/** What `tasks()` shows tests. */
export interface SimTaskView {
  taskId: string;
  api: SimApi;
  model: string;
  state: SimState;
  input: Record<string, unknown>;
  param: string;
  callBackUrl?: string;
}

export interface StoredFile {
  bytes: Buffer;
  contentType: string;
}

export type Render = (prompt: string, seed: number, aspect: string) => Promise<Buffer>;

const CREDITS_PER_IMAGE = 4;
// Caps keep a long-running demo instance's memory bounded; the oldest go first,
// much as KIE's result URLs expire.
const MAX_TASKS = 10_000;
const MAX_FILES = 500;
const REJECT_MESSAGE = 'Your prompt was flagged by the content policy';

/** Holds simulated tasks and files; finishes each task on a timer. */
export class TaskStore {
  readonly #files = new Map<string, StoredFile>();
  readonly #tasks = new Map<string, SimTask>();
  #credits = 1_000_000;
  #closed = false;

  constructor(
    private readonly baseUrl: string,
    private readonly log?: SimLog,
    private readonly webhookHmacKey?: string,
    private readonly render: Render = renderPlaceholder,
  ) {}

  /** A Market task (createTask). */
  create(model: string, input: Record<string, unknown>, param: string, delayMs: number, callBackUrl?: string, failing = false): string {
    const taskId = `task_sim_${Date.now()}_${randomBytes(4).toString('hex')}`;
    return this.#add({ taskId, api: 'market', images: 1, model, param, input, callBackUrl, failing }, delayMs);
  }

  /** A Midjourney task: `generate` (a grid of four), or an upscale (one) or a variation (four) of a grid's image. */
  createMidjourney(task: {
    taskType: string;
    input: Record<string, unknown>;
    param: string;
    images: number;
    seed?: number;
    delayMs: number;
    callBackUrl?: string;
    failing?: boolean;
  }): string {
    const taskId = `mj_sim_${Date.now()}_${randomBytes(4).toString('hex')}`;
    const { delayMs, ...rest } = task;
    return this.#add({ ...rest, taskId, api: 'midjourney', model: 'midjourney' }, delayMs);
  }

  #add(fields: Omit<SimTask, 'directives' | 'delayMs' | 'createTime' | 'updateTime'>, delayMs: number): string {
    const { taskId } = fields;
    const directives = parseDirectives(String(fields.input.prompt));
    const now = Date.now();
    const delay = directives.has('slow') ? delayMs * 10 : delayMs;
    const task: SimTask = { ...fields, directives, delayMs: delay, createTime: now, updateTime: now };
    if (!directives.has('never')) {
      task.timer = setTimeout(() => void this.#finish(task), delay);
      task.timer.unref();
    }
    this.#tasks.set(taskId, task);
    this.#evictOldest();
    return taskId;
  }

  /** Stores a result or upload under `name`, evicting the oldest files past the cap. */
  storeFile(name: string, file: StoredFile): void {
    this.#files.set(name, file);
    for (const oldest of this.#files.keys()) {
      if (this.#files.size <= MAX_FILES) break;
      this.#files.delete(oldest);
    }
  }

  file(name: string): StoredFile | undefined {
    return this.#files.get(name);
  }

  #evictOldest(): void {
    for (const [taskId, task] of this.#tasks) {
      if (this.#tasks.size <= MAX_TASKS) break;
      clearTimeout(task.timer);
      this.#tasks.delete(taskId);
    }
  }

  has(taskId: string): boolean {
    return this.#tasks.has(taskId);
  }

  /** The Market recordInfo `data` object, or undefined for an id the Market API does not know. */
  record(taskId: string): Record<string, unknown> | undefined {
    const task = this.#tasks.get(taskId);
    return task?.api === 'market' ? this.#record(task) : undefined;
  }

  /** The Midjourney record-info `data` object, or undefined for an id that API does not know. */
  midjourneyRecord(taskId: string): Record<string, unknown> | undefined {
    const task = this.#tasks.get(taskId);
    return task?.api === 'midjourney' ? midjourneyRecord(task) : undefined;
  }

  /** A finished Midjourney task that upscale and vary can start from: its request, first seed and result count. */
  midjourneySource(taskId: string): { input: Record<string, unknown>; seed: number; images: number } | undefined {
    const task = this.#tasks.get(taskId);
    if (task?.api !== 'midjourney' || task.outcome?.state !== 'success') return undefined;
    return { input: task.input, seed: this.#firstSeed(task), images: task.outcome.resultUrls.length };
  }

  list(): SimTaskView[] {
    return [...this.#tasks.values()].map((t) => ({
      taskId: t.taskId,
      api: t.api,
      model: t.model,
      state: this.#state(t),
      input: t.input,
      param: t.param,
      callBackUrl: t.callBackUrl,
    }));
  }

  close(): void {
    this.#closed = true;
    for (const task of this.#tasks.values()) clearTimeout(task.timer);
  }

  #state(task: SimTask): SimState {
    if (task.outcome) return task.outcome.state;
    return Date.now() - task.createTime < task.delayMs / 5 ? 'waiting' : 'generating';
  }

  #record(task: SimTask): Record<string, unknown> {
    const state = this.#state(task);
    const outcome = task.outcome;
    const elapsed = Date.now() - task.createTime;
    return {
      taskId: task.taskId,
      model: task.model,
      state,
      param: task.param,
      resultJson: outcome?.state === 'success' ? JSON.stringify({ resultUrls: outcome.resultUrls }) : null,
      failCode: outcome?.state === 'fail' ? outcome.failCode : '',
      failMsg: outcome?.state === 'fail' ? outcome.failMsg : '',
      progress: outcome ? 100 : Math.min(99, Math.floor((elapsed / Math.max(1, task.delayMs)) * 100)),
      costTime: task.completeTime ? task.completeTime - task.createTime : 0,
      creditsConsumed: outcome?.state === 'success' ? CREDITS_PER_IMAGE : 0,
      createTime: task.createTime,
      updateTime: task.completeTime ?? Math.max(task.updateTime, Date.now()),
      completeTime: task.completeTime ?? null,
    };
  }

  async #finish(task: SimTask): Promise<void> {
    try {
      task.outcome = await this.#outcome(task);
    } catch (error) {
      this.log?.error({ taskId: task.taskId, err: error }, 'simulator render failed');
      task.outcome = { state: 'fail', failCode: '500', failMsg: 'Internal server error' };
    }
    task.completeTime = Date.now();
    task.updateTime = task.completeTime;
    if (task.outcome.state === 'success') this.#credits -= CREDITS_PER_IMAGE * task.images;
    if (task.callBackUrl && !this.#closed) await this.#sendCallback(task, task.callBackUrl);
  }

  #firstSeed(task: SimTask): number {
    if (task.seed !== undefined) return task.seed;
    const seed = task.input.seed;
    return typeof seed === 'number' && Number.isFinite(seed) ? seed : seedFromPrompt(String(task.input.prompt));
  }

  async #outcome(task: SimTask): Promise<NonNullable<SimTask['outcome']>> {
    const d = task.directives;
    if (d.has('fail') || task.failing) return { state: 'fail', failCode: '500', failMsg: 'Internal server error' };
    if (d.has('reject')) return { state: 'fail', failCode: '400', failMsg: REJECT_MESSAGE };
    const resultUrls: string[] = [];
    for (let i = 0; i < task.images; i++) resultUrls.push(await this.#result(task, i));
    return { state: 'success', resultUrls };
  }

  /** Makes (or, as a directive says, spoils) result `i` of a task and returns its URL. */
  async #result(task: SimTask, i: number): Promise<string> {
    const d = task.directives;
    const format = d.has('jpeg') ? 'jpeg' : d.has('webp') ? 'webp' : 'png';
    const name = `${randomBytes(8).toString('hex')}.${format === 'jpeg' ? 'jpg' : format}`;
    const url = `${this.baseUrl}/files/${name}`;
    // [sim:missing] never stores the file, so its URL answers 404.
    if (d.has('missing')) return url;
    if (d.has('huge')) return `${this.baseUrl}/files/${HUGE_PREFIX}${name}`;
    if (d.has('broken')) {
      this.storeFile(name, { bytes: Buffer.from('<html><body>not an image</body></html>'), contentType: 'image/png' });
      return url;
    }
    const prompt = String(task.input.prompt ?? '');
    const aspect = String(task.input.aspect_ratio ?? task.input.image_size ?? task.input.aspectRatio ?? '1:1');
    const fresh = () => this.render(prompt, this.#firstSeed(task) + i, aspect);
    const png = isToolModel(task.model) ? await renderTool(task.model, task.input, (url) => this.#read(url), fresh) : await fresh();
    const bytes = format === 'png' ? png : await convertPlaceholder(png, format);
    this.storeFile(name, { bytes, contentType: `image/${format}` });
    return url;
  }

  /** An input image by URL: one of ours from the file store, any other fetched (our server's signed reference links). */
  async #read(url: string): Promise<Buffer> {
    const prefix = `${this.baseUrl}/files/`;
    if (url.startsWith(prefix)) {
      const file = this.file(decodeURIComponent(url.slice(prefix.length)));
      if (!file) throw new Error(`no such file ${url}`);
      return file.bytes;
    }
    const res = await fetch(url, { signal: AbortSignal.timeout(15_000) });
    if (!res.ok) throw new Error(`fetching ${url}: HTTP ${res.status}`);
    return Buffer.from(await res.arrayBuffer());
  }

  /** KIE signs only `taskId.timestamp` (seconds), base64 HMAC-SHA256 (kie.md §1.6). */
  #signature(taskId: string): Record<string, string> {
    if (!this.webhookHmacKey) return {};
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = createHmac('sha256', this.webhookHmacKey).update(`${taskId}.${timestamp}`).digest('base64');
    return { 'X-Webhook-Timestamp': timestamp, 'X-Webhook-Signature': signature };
  }

  /** The Market callback (kie.md §1.6). */
  #marketCallback(task: SimTask): object {
    const success = task.outcome?.state === 'success';
    const { creditsConsumed, progress: _progress, ...data } = this.#record(task);
    return {
      code: success ? 200 : 501,
      msg: success ? 'Playground task completed successfully.' : 'Playground task failed.',
      data: { ...data, consumeCredits: creditsConsumed, remainedCredits: this.#credits },
    };
  }

  /** The callback in the task's API's shape. Delivery errors are ignored, as KIE gives no guarantee either. */
  async #sendCallback(task: SimTask, url: string): Promise<void> {
    const payload = task.api === 'midjourney' ? midjourneyCallback(task) : this.#marketCallback(task);
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'User-Agent': 'KIE-Simulator/1.0', ...this.#signature(task.taskId) },
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(15_000),
      });
      await res.body?.cancel();
    } catch (error) {
      this.log?.warn({ taskId: task.taskId, err: error instanceof Error ? error.message : String(error) }, 'simulator callback failed');
    }
  }
}
