import { randomUUID } from 'node:crypto';
import { guardedBy, scrubSecret } from '../errors.js';
import { type ProviderLog, sniffImageType } from '../kie/index.js';
import type { CreateTaskInput, DownloadedImage, ImageProvider, ProviderError, TaskState } from '../types.js';
import { checkpointFor, parseCheckpointList } from './checkpoints.js';
import { comfyError } from './errors.js';
import { stateFromHistory } from './history.js';
import { type ComfyHttp, callComfy, fetchImage, postComfy, uploadImage } from './http.js';
import { fillValuesFor, workflowFor } from './request.js';
import { toolInputs, toolsOfWorkflows, toolTaskOf } from './tools.js';
import { fillWorkflow, loadWorkflows, type Workflows } from './workflow.js';

export interface ComfyProviderOptions {
  /** The server, e.g. http://127.0.0.1:8188, or a proxy path such as https://gpu.example/comfy. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer …` for the authenticating proxy in front of ComfyUI. */
  token?: string;
  /** A folder with the operator's txt2img.json (and img2img.json); unset uses the shipped templates. */
  workflowsDir?: string;
  /** Already-parsed templates (tests); wins over workflowsDir. */
  workflows?: Workflows;
  /** The checkpoint for models whose providerModel is `default`; unset takes the server's first. */
  checkpoint?: string;
  /** Image area in SDXL megapixels (1 = 1024², the size anime SDXL checkpoints are trained at). */
  megapixels?: number;
  /** Per HTTP call; generation itself is waited for by polling, so this stays short. Default 30 s. */
  timeoutMs?: number;
  /** Checkpoints the catalog names: checked once at start-up, a warning for each the server lacks. */
  expectedCheckpoints?: string[];
  fetch?: typeof fetch;
  log?: ProviderLog;
}

type ToolTask = NonNullable<ReturnType<typeof toolTaskOf>>;

/** The checkpoint list doubles as a reachability and auth check; re-read at most this often. */
const CHECKPOINT_LIST_TTL_MS = 60_000;
/** ComfyUI's prompt ids are UUIDs; anything else is never sent to it. */
const PROMPT_ID = /^[0-9A-Za-z-]{1,64}$/;

/**
 * Creates the ComfyUI adapter. ComfyUI queues prompts itself, so a task is
 * its prompt id: createTask fills a workflow template, uploads the reference
 * (img2img) and POSTs /prompt; getTask reads /history (and /queue while it
 * waits); results are ComfyUI's own /view URLs. Nothing is held in this
 * process, so tasks survive our restarts (not ComfyUI's: its queue and
 * history live in memory). Throws WorkflowError at creation for a broken
 * template; every method throws only ProviderError.
 */
export function createComfyProvider(options: ComfyProviderOptions): ImageProvider {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const http: ComfyHttp = {
    baseUrl,
    authorization: options.token ? `Bearer ${options.token}` : undefined,
    maxJsonBytes: 16 * 1024 * 1024,
    maxImageBytes: 64 * 1024 * 1024,
    timeoutMs: options.timeoutMs ?? 30_000,
    fetch: options.fetch ?? globalThis.fetch,
  };
  const workflows = options.workflows ?? loadWorkflows(options.workflowsDir);
  const megapixels = options.megapixels ?? 1;
  const log = options.log;
  // Identifies our prompts in ComfyUI's queue and on its websocket.
  const clientId = randomUUID();

  const scrub = (error: ProviderError) => scrubSecret(error, options.token);
  const guarded = guardedBy(scrub, (detail) => comfyError('provider_unavailable', detail));

  let checkpointCache: { at: number; list: Promise<string[]> } | undefined;
  /** Cached for a minute, failures never: a server that just came up is seen on the next try. */
  function checkpointList(): Promise<string[]> {
    if (checkpointCache && Date.now() - checkpointCache.at < CHECKPOINT_LIST_TTL_MS) return checkpointCache.list;
    const list = callComfy(http, 'GET', '/object_info/CheckpointLoaderSimple').then(parseCheckpointList);
    const entry = { at: Date.now(), list };
    checkpointCache = entry;
    list.catch(() => {
      if (checkpointCache === entry) checkpointCache = undefined;
    });
    return list;
  }

  /** The filled graph of a text task: txt2img, or img2img on the reference. */
  async function textGraph(input: CreateTaskInput) {
    const workflow = workflowFor(workflows, input.references.length);
    // Checked before anything is queued: a wrong name is a clear error, not a 400 about ckpt_name.
    const checkpoint = checkpointFor(await checkpointList(), input.providerModel, options.checkpoint);
    const values = fillValuesFor(input, checkpoint, megapixels);
    const [reference] = input.references;
    if (reference) values.image = await uploadImage(http, reference);
    return fillWorkflow(workflow, values);
  }

  /** The filled graph of an image-tool task (tools.ts). */
  async function toolGraph(input: CreateTaskInput & { source: NonNullable<CreateTaskInput['source']> }, task: ToolTask) {
    // An upscale template loads no checkpoint, so there is none to check (or set).
    const checkpoint = task.workflow.roles.checkpoint ? checkpointFor(await checkpointList(), input.providerModel, options.checkpoint) : '';
    const { upload, ...sized } = await toolInputs(task.tool, input);
    const values = { ...fillValuesFor(input, checkpoint, megapixels), ...sized, image: await uploadImage(http, upload) };
    return fillWorkflow(task.workflow, values);
  }

  async function createTask(input: CreateTaskInput): Promise<string> {
    // Refused before the server is asked anything: a tool it cannot do, or one without its source.
    const task = toolTaskOf(input, workflows);
    const graph = task && input.source ? await toolGraph({ ...input, source: input.source }, task) : await textGraph(input);
    // callbackUrl is ignored: ComfyUI has no callbacks; getTask reads /history.
    const json = await callComfy(http, 'POST', '/prompt', { prompt: graph, client_id: clientId });
    const promptId = (json as { prompt_id?: unknown } | null)?.prompt_id;
    if (typeof promptId !== 'string' || !PROMPT_ID.test(promptId))
      throw comfyError('provider_unavailable', 'POST /prompt: answer without a prompt_id');
    return promptId;
  }

  const resultUrl = (image: { filename: string; subfolder: string; type: string }) =>
    `${baseUrl}/view?${new URLSearchParams({ filename: image.filename, subfolder: image.subfolder, type: image.type })}`;

  async function readHistory(promptId: string): Promise<TaskState | undefined> {
    const json = await callComfy(http, 'GET', `/history/${encodeURIComponent(promptId)}`);
    const entry = (json as Record<string, unknown> | null)?.[promptId];
    return entry === undefined ? undefined : stateFromHistory(entry, resultUrl);
  }

  async function getTask(promptId: string): Promise<TaskState> {
    if (!PROMPT_ID.test(promptId)) throw comfyError('task_not_found', 'not a ComfyUI prompt id');
    const done = await readHistory(promptId);
    if (done) return done;
    const queue = (await callComfy(http, 'GET', '/queue')) as { queue_running?: unknown[][]; queue_pending?: unknown[][] } | null;
    const has = (list: unknown[][] | undefined) => (list ?? []).some((item) => Array.isArray(item) && item[1] === promptId);
    // ComfyUI reports step progress only on its websocket; over HTTP we know queued versus running.
    if (has(queue?.queue_running)) return { state: 'pending' };
    if (has(queue?.queue_pending)) return { state: 'pending', progress: 0 };
    // It may have finished between the two reads.
    const late = await readHistory(promptId);
    if (late) return late;
    throw comfyError('task_not_found', `${promptId} is in neither the queue nor the history (ComfyUI restarted?)`);
  }

  /**
   * Takes the prompt out of the waiting queue (POST /queue {delete}); if it is
   * the one running, interrupts it. /interrupt stops whatever runs, so the
   * running prompt is checked first: another prompt is never stopped.
   */
  async function cancelTask(promptId: string): Promise<void> {
    if (!PROMPT_ID.test(promptId)) throw comfyError('task_not_found', 'not a ComfyUI prompt id');
    await postComfy(http, '/queue', { delete: [promptId] });
    const queue = (await callComfy(http, 'GET', '/queue')) as { queue_running?: unknown[][] } | null;
    const running = (queue?.queue_running ?? []).some((item) => Array.isArray(item) && item[1] === promptId);
    if (running) await postComfy(http, '/interrupt', { prompt_id: promptId });
  }

  async function downloadResult(url: string): Promise<DownloadedImage> {
    // Only this server's /view with its three parameters: a result URL never points anywhere else.
    const prefix = `${baseUrl}/view?`;
    const params = url.startsWith(prefix) ? new URLSearchParams(url.slice(prefix.length)) : undefined;
    const filename = params?.get('filename') ?? '';
    const keys = params ? [...params.keys()].sort().join() : '';
    if (
      !params ||
      keys !== 'filename,subfolder,type' ||
      filename === '' ||
      /[\\/]|\.\./.test(filename) ||
      params.get('subfolder')?.includes('..')
    ) {
      throw comfyError('result_url_refused', `not a result URL of this ComfyUI server: ${url.slice(0, 80)}`);
    }
    const bytes = await fetchImage(http, `/view?${params}`);
    const contentType = sniffImageType(bytes);
    if (!contentType) throw comfyError('result_not_image', `GET /view: ${bytes.length} bytes, not PNG, JPEG or WebP`);
    return { bytes, contentType };
  }

  /** Warns about catalog checkpoints the server lacks; a server that is down is only mentioned. */
  async function checkCheckpointsBestEffort(expected: string[]) {
    try {
      const list = await checkpointList();
      for (const wanted of new Set(expected)) {
        try {
          checkpointFor(list, wanted, options.checkpoint);
        } catch (error) {
          log?.warn(
            { checkpoint: wanted, detail: (error as ProviderError).detail },
            'ComfyUI: a model names a checkpoint the server does not have',
          );
        }
      }
    } catch (error) {
      log?.warn(
        { code: (error as ProviderError).code, detail: scrub(error as ProviderError).detail },
        'ComfyUI not reachable at start-up; checkpoints not checked',
      );
    }
  }
  if (options.expectedCheckpoints?.length) void checkCheckpointsBestEffort(options.expectedCheckpoints);

  return {
    name: 'comfyui',
    demo: false,
    tools: toolsOfWorkflows(workflows),
    createTask: (input) => guarded(() => createTask(input)),
    getTask: (taskId) => guarded(() => getTask(taskId)),
    downloadResult: (url) => guarded(() => downloadResult(url)),
    cancelTask: (taskId) => guarded(() => cancelTask(taskId)),
  };
}
