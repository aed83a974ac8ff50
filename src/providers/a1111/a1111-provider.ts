import { guardedBy, scrubSecret } from '../errors.js';
import { type ProviderLog, sniffImageType } from '../kie/index.js';
import { A1111_TOOLS } from '../tools.js';
import { type CreateTaskInput, type DownloadedImage, type ImageProvider, ProviderError, type TaskState } from '../types.js';
import { type CheckpointInfo, parseCheckpointList, resolveCheckpoint, wantedCheckpoint } from './checkpoints.js';
import { a1111Error } from './errors.js';
import { type A1111Http, basicAuthorization, callA1111, splitCredentials } from './http.js';
import {
  type A1111Defaults,
  assertReferencesSupported,
  buildGenerationRequest,
  DEFAULT_A1111_SETTINGS,
  type GenerationRequest,
} from './request.js';
import { createTaskStore } from './task-store.js';
import { buildToolRequest, DEFAULT_A1111_UPSCALER, toolOfTask } from './tools.js';

export interface A1111ProviderOptions {
  /** The webui, e.g. http://127.0.0.1:7860 (credentials in the URL are accepted and moved to a header). */
  baseUrl: string;
  /** For a webui started with `--api-auth user:pass`; sent as Basic auth (plain text without TLS). */
  username?: string;
  password?: string;
  /** Per generation call, queueing inside the webui included; default 10 min. */
  timeoutMs?: number;
  /** Calls in flight at once from this process; default 1 (the webui runs them in order anyway). */
  concurrency?: number;
  /** Sampling settings; unset fields take DEFAULT_A1111_SETTINGS. */
  defaults?: Partial<A1111Defaults>;
  /** The checkpoint for models whose providerModel is `default`; unset keeps the webui's loaded one. */
  checkpoint?: string;
  /** The upscaler the upscale tool uses, as the webui names it (GET /sdapi/v1/upscalers); default DEFAULT_A1111_UPSCALER. */
  upscaler?: string;
  /** Waiting tasks per process before createTask answers queue_full; default 64. */
  maxQueued?: number;
  /** Finished tasks remembered; default 64. */
  maxFinished?: number;
  /** Result bytes held until downloaded; default 256 MB. */
  maxKeptBytes?: number;
  /** A queued task nobody polled for this long is dropped; default 5 min (the pipeline polls every ≤ 15 s). */
  abandonAfterMs?: number;
  fetch?: typeof fetch;
  log?: ProviderLog;
}

const RESULT_SCHEME = 'a1111-result:';
const RESULT_URL = /^a1111-result:\/\/(a1111_[0-9a-f-]{36})\/(\d+)$/;
/** The checkpoint list doubles as a reachability and auth check; re-read at most this often. */
const CHECKPOINT_LIST_TTL_MS = 60_000;
const SHORT_CALL_MS = 10_000;

/** The `a1111-result://<taskId>/<index>` URL getTask reports; downloadResult accepts nothing else. */
export const resultUrlFor = (taskId: string, index: number) => `${RESULT_SCHEME}//${taskId}/${index}`;

/**
 * The first image of a txt2img/img2img response (extra images, such as
 * ControlNet maps or grids, are ignored), or the one image of an Extras response.
 */
function imageFromResponse(json: unknown, what: string): DownloadedImage {
  const answer = json as { images?: unknown; image?: unknown } | null;
  const first = Array.isArray(answer?.images) ? answer.images[0] : answer?.image;
  if (typeof first !== 'string' || first === '') throw a1111Error('result_not_image', `${what}: response without images`);
  // The webui sends bare base64; tolerate a data: URL prefix as some forks add one.
  const bytes = Buffer.from(first.replace(/^data:[^,]*,/, ''), 'base64');
  const contentType = sniffImageType(bytes);
  if (!contentType) throw a1111Error('result_not_image', `${what}: ${bytes.length} decoded bytes, not PNG, JPEG or WebP`);
  return { bytes, contentType };
}

function isLoopback(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'localhost' || host === '[::1]' || host.startsWith('127.');
}

/**
 * Creates the AUTOMATIC1111 / Forge stable-diffusion-webui adapter. The webui
 * API blocks until the image exists, so createTask queues the call in this
 * process and returns an `a1111_<uuid>` id at once; tasks live in memory only,
 * so after a restart getTask answers task_not_found. Every method throws only
 * ProviderError.
 */
export function createA1111Provider(options: A1111ProviderOptions): ImageProvider {
  const fromUrl = splitCredentials(options.baseUrl);
  const username = options.username ?? fromUrl.username;
  const password = options.password ?? fromUrl.password;
  const authorization = username !== undefined ? basicAuthorization(username, password ?? '') : undefined;
  const http: A1111Http = {
    baseUrl: fromUrl.baseUrl,
    authorization,
    maxResponseBytes: 64 * 1024 * 1024,
    fetch: options.fetch ?? globalThis.fetch,
  };
  const timeoutMs = options.timeoutMs ?? 10 * 60_000;
  const defaults: A1111Defaults = { ...DEFAULT_A1111_SETTINGS, ...options.defaults };
  const upscaler = options.upscaler || DEFAULT_A1111_UPSCALER;
  const log = options.log;
  if (authorization && !isLoopback(http.baseUrl) && http.baseUrl.startsWith('http:')) {
    log?.warn({ baseUrl: http.baseUrl }, 'A1111 Basic auth over plain http: put TLS in front of the webui');
  }

  const store = createTaskStore({
    concurrency: Math.max(1, options.concurrency ?? 1),
    maxQueued: options.maxQueued ?? 64,
    maxFinished: options.maxFinished ?? 64,
    maxBytes: options.maxKeptBytes ?? 256 * 1024 * 1024,
    abandonAfterMs: options.abandonAfterMs ?? 5 * 60_000,
    onAbandoned: (taskId) => log?.warn({ taskId }, 'A1111 task dropped before it started: nobody polled it'),
    onFinished: (taskId, view) => {
      if (view.status === 'failed') log?.warn({ taskId, code: view.error.code, detail: view.error.detail }, 'A1111 task failed');
    },
  });

  const secrets = [password, authorization?.slice('Basic '.length)].filter((s): s is string => !!s);
  const scrub = (error: ProviderError) => secrets.reduce((e, s) => scrubSecret(e, s), error);
  const guarded = guardedBy(scrub, (detail) => a1111Error('provider_unavailable', detail));

  let checkpointCache: { at: number; list: Promise<CheckpointInfo[]> } | undefined;
  /** Cached for a minute, failures never: a webui that just came up is seen on the next try. */
  function checkpointList(): Promise<CheckpointInfo[]> {
    if (checkpointCache && Date.now() - checkpointCache.at < CHECKPOINT_LIST_TTL_MS) return checkpointCache.list;
    const list = callA1111(http, 'GET', '/sdapi/v1/sd-models', undefined, SHORT_CALL_MS).then(parseCheckpointList);
    const entry = { at: Date.now(), list };
    checkpointCache = entry;
    list.catch(() => {
      if (checkpointCache === entry) checkpointCache = undefined;
    });
    return list;
  }

  /** Runs in the background: its error becomes the failed task's state, so it is scrubbed here. */
  async function generate(request: GenerationRequest): Promise<DownloadedImage> {
    try {
      const json = await callA1111(http, 'POST', request.path, request.body, timeoutMs);
      return imageFromResponse(json, `POST ${request.path}`);
    } catch (error) {
      throw error instanceof ProviderError ? scrub(error) : error;
    }
  }

  async function createTask(input: CreateTaskInput): Promise<string> {
    // Refused before the webui is asked anything: a tool it cannot do, or one without its source.
    const tool = toolOfTask(input);
    if (!tool) assertReferencesSupported(input.references.length);
    // Checked now rather than in the background: a webui that is down, locked or without --api
    // makes createTask throw, so the pipeline retries or alerts the operator instead of failing quietly.
    const list = await checkpointList();
    const wanted = wantedCheckpoint(input.providerModel, options.checkpoint);
    const checkpointTitle = wanted ? resolveCheckpoint(list, wanted) : undefined;
    const request =
      tool && input.source
        ? await buildToolRequest(tool, { ...input, source: input.source }, defaults, { checkpointTitle, upscaler })
        : buildGenerationRequest(input, defaults, checkpointTitle);
    // callbackUrl is ignored: the webui has no callbacks, and getTask reads local memory.
    return store.submit(() => generate(request));
  }

  /** The webui's own progress bar, best effort: a failure here must not fail the poll. */
  async function readProgressBestEffort(): Promise<number | undefined> {
    // The webui reports only its current job; with several of ours in flight we cannot tell whose it is.
    if (store.runningCount() !== 1) return undefined;
    try {
      const json = await callA1111(http, 'GET', '/sdapi/v1/progress?skip_current_image=true', undefined, SHORT_CALL_MS);
      const value = (json as { progress?: unknown } | null)?.progress;
      if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
      // 100 would read as done while we still wait for the response.
      return Math.min(99, Math.max(0, Math.round(value * 100)));
    } catch {
      return undefined;
    }
  }

  async function getTask(taskId: string): Promise<TaskState> {
    const view = store.view(taskId);
    if (!view) throw a1111Error('task_not_found', `${taskId} is not known to this process (restarted, evicted, or not an a1111 task)`);
    switch (view.status) {
      case 'queued':
        return { state: 'pending', progress: 0 };
      case 'running': {
        const progress = await readProgressBestEffort();
        return progress === undefined ? { state: 'pending' } : { state: 'pending', progress };
      }
      case 'succeeded':
        return { state: 'succeeded', resultUrls: Array.from({ length: view.imageCount }, (_, i) => resultUrlFor(taskId, i)) };
      case 'failed':
        return { state: 'failed', error: view.error };
      default: {
        const unknown: never = view;
        throw a1111Error('provider_unavailable', `unknown task status ${JSON.stringify(unknown)}`);
      }
    }
  }

  async function downloadResult(url: string): Promise<DownloadedImage> {
    const match = RESULT_URL.exec(url);
    // Only index 0 exists: we ask for batch_size 1 and keep the first image.
    if (match?.[2] !== '0') throw a1111Error('result_url_refused', `not an a1111 result URL: ${url.slice(0, 80)}`);
    const image = store.read(match[1] ?? '');
    if (!image) throw a1111Error('result_missing', `${match[1]}: result already downloaded, evicted, or never produced`);
    return image;
  }

  return {
    name: 'a1111',
    demo: false,
    tools: A1111_TOOLS,
    createTask: (input) => guarded(() => createTask(input)),
    getTask: (taskId) => guarded(() => getTask(taskId)),
    downloadResult: (url) => guarded(() => downloadResult(url)),
  };
}
