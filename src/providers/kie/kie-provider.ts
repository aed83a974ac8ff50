import { type ImageTool, imageTools } from '../../contracts/tools.js';
import { parseAllowedHost } from '../../lib/address-policy.js';
import { guardedBy, scrubSecret } from '../errors.js';
import { maskInConvention } from '../mask.js';
import type { CreateTaskInput, GridToolInput, ImageProvider, ReferenceImage, TaskState } from '../types.js';
import { kieCallbacks } from './callbacks.js';
import { type DownloadPolicy, downloadImage } from './download.js';
import { dataRecord } from './envelope.js';
import { kieError } from './errors.js';
import { callKie, type KieHttpOptions } from './http.js';
import { createMidjourneyGridTask, createMidjourneyTask, type GridAction, readMidjourneyTask } from './midjourney.js';
import { buildModelInput, maskChangesFor, modelApi, modelTools, referenceProblem } from './models.js';
import { createInProcessRateLimiter, type RateLimiter } from './rate-limit.js';
import { kieTaskIdOf, ourTaskId } from './task-ids.js';
import { isKnownState, taskStateFromRecord } from './task-state.js';
import { uploadReference } from './upload.js';

/** The pino-like logger the adapter writes to; never given the API key. */
export interface ProviderLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface KieProviderOptions {
  apiKey: string;
  /** e.g. https://api.kie.ai */
  baseUrl: string;
  /** e.g. https://kieai.redpandaai.co (a different host from the API) */
  uploadBaseUrl: string;
  /** Result hosts as `host` or `host:port`; null allows any public https host. */
  allowedResultHosts: string[] | null;
  /** Per request; default 30 s. */
  timeoutMs?: number;
  /** Result size cap; default 50 MB. */
  maxResultBytes?: number;
  /** True when talking to the simulator, whose images are placeholders. */
  demo?: boolean;
  /** KIE's webhook HMAC key: when set, a callback must carry a valid X-Webhook-Signature. */
  webhookHmacKey?: string | null;
  fetch?: typeof fetch;
  /** How result hosts are resolved before their addresses are checked; default the system's DNS. */
  resolve?: (hostname: string) => Promise<string[]>;
  /** Paces createTask; default 20 per 10 s in this process. */
  rateLimiter?: RateLimiter;
  log?: ProviderLog;
}

/** Every image tool has a KIE model (tool-models.ts); the catalog says which are on offer. */
const KIE_TOOLS = imageTools;

const trimSlash = (url: string) => url.replace(/\/+$/, '');

/**
 * Creates the KIE adapter: Market models through the jobs API, Midjourney
 * models through KIE's Midjourney API (ids prefixed `mj:`, see task-ids.ts).
 * Every method throws only ProviderError.
 */
export function createKieProvider(options: KieProviderOptions): ImageProvider {
  const baseUrl = trimSlash(options.baseUrl);
  const uploadBaseUrl = trimSlash(options.uploadBaseUrl);
  const http: KieHttpOptions = {
    apiKey: options.apiKey,
    timeoutMs: options.timeoutMs ?? 30_000,
    fetch: options.fetch ?? globalThis.fetch,
  };
  const download: DownloadPolicy = {
    allowedHosts: options.allowedResultHosts?.map(parseAllowedHost) ?? null,
    maxBytes: options.maxResultBytes ?? 50 * 1024 * 1024,
    timeoutMs: http.timeoutMs,
    fetch: options.fetch,
    resolve: options.resolve,
  };
  const rateLimiter = options.rateLimiter ?? createInProcessRateLimiter();
  const log = options.log;

  // A body could echo our Authorization header; make sure no error carries it.
  const guarded = guardedBy(
    (error) => scrubSecret(error, options.apiKey),
    (detail) => kieError('provider_unavailable', detail),
  );

  const urlOf = async (image: ReferenceImage) => image.url ?? (await uploadReference(http, uploadBaseUrl, image));

  /** An image tool's files: the source goes first among the references; the mask in the model's own colours. */
  async function toolFiles(input: CreateTaskInput): Promise<{ referenceUrls: string[]; maskUrl?: string }> {
    const tool = input.tool ?? 'text';
    if (!modelTools(input.providerModel).includes(tool as ImageTool))
      throw kieError('invalid_input', `${input.providerModel} does not do ${tool}`);
    if (!input.source) throw kieError('invalid_input', `${tool} needs a source image`);
    const changes = maskChangesFor(input.providerModel);
    if (changes && !input.mask) throw kieError('invalid_input', `${input.providerModel} needs a mask`);
    const referenceUrls = [await urlOf(input.source)];
    if (!changes || !input.mask) return { referenceUrls };
    // Never the mask's own link: the model needs its colours, which may be the inverse of ours.
    const { url: _ours, ...mask } = await maskInConvention(input.mask, changes);
    return { referenceUrls, maskUrl: await urlOf(mask) };
  }

  async function createTask(input: CreateTaskInput): Promise<string> {
    if (modelApi(input.providerModel) === 'midjourney' && input.tool !== undefined && input.tool !== 'text') {
      // Midjourney varies and upscales only its own grids: it takes the parent's task, never a file.
      if (!input.sourceTask || (input.tool !== 'variations' && input.tool !== 'upscale'))
        throw kieError('invalid_input', `${input.providerModel} does ${input.tool} only on one of its own grid tasks`);
      const grid = { ...input.sourceTask, callbackUrl: input.callbackUrl };
      return gridTask(input.tool === 'upscale' ? 'upscale' : 'vary', grid);
    }
    const isTool = input.tool !== undefined && input.tool !== 'text';
    let files: { referenceUrls: string[]; maskUrl?: string };
    if (isTool) files = await toolFiles(input);
    else {
      const problem = referenceProblem(input.providerModel, input.references.length);
      if (problem) throw kieError('references_not_supported', problem);
      // Sequential on purpose: a few small files, and KIE's upload host is rate-sensitive.
      const referenceUrls: string[] = [];
      for (const reference of input.references) referenceUrls.push(await urlOf(reference));
      files = { referenceUrls };
    }
    const request = {
      prompt: input.prompt,
      negativePrompt: input.negativePrompt,
      aspectRatio: input.aspectRatio,
      seed: input.seed,
      steps: input.steps,
      guidance: input.guidance,
      strength: input.strength,
      factor: input.factor,
      ...files,
    };
    const callback = input.callbackUrl ? { callBackUrl: input.callbackUrl } : {};
    if (modelApi(input.providerModel) === 'midjourney') {
      const body = { ...buildModelInput(input.providerModel, request), ...callback };
      await rateLimiter.acquire();
      return ourTaskId('midjourney', await createMidjourneyTask(http, baseUrl, body));
    }
    // Each model's builder sends only the fields that model takes; the catalog offers no others.
    const body = {
      model: input.providerModel,
      ...callback,
      input: buildModelInput(input.providerModel, request),
    };
    // Acquire after the uploads, so a slow upload does not sit on a rate-limit slot.
    await rateLimiter.acquire();
    const envelope = await callKie(http, 'POST', `${baseUrl}/api/v1/jobs/createTask`, body);
    const taskId = dataRecord(envelope, 'createTask').taskId;
    if (typeof taskId !== 'string' || taskId === '') throw kieError('provider_unavailable', 'createTask: no taskId in response');
    return taskId;
  }

  async function getTask(ourId: string): Promise<TaskState> {
    const { api, id: taskId } = kieTaskIdOf(ourId);
    if (api === 'midjourney') {
      return readMidjourneyTask(http, baseUrl, taskId, (flag) =>
        log?.warn({ taskId, successFlag: flag }, 'KIE Midjourney task with an unknown successFlag; treating it as pending'),
      );
    }
    const url = `${baseUrl}/api/v1/jobs/recordInfo?taskId=${encodeURIComponent(taskId)}`;
    // On recordInfo, 422 ("recordInfo is null") means KIE does not know the id.
    const envelope = await callKie(http, 'GET', url, undefined, { 422: 'task_not_found' });
    const data = dataRecord(envelope, 'recordInfo');
    if (!isKnownState(data.state)) log?.warn({ taskId, state: data.state }, 'KIE task in an unknown state; treating it as pending');
    return taskStateFromRecord(data);
  }

  /** Upscale or vary one image of a finished Midjourney grid: a new Midjourney task. */
  async function gridTask(action: GridAction, input: GridToolInput): Promise<string> {
    const { api, id } = kieTaskIdOf(input.taskId);
    if (api !== 'midjourney') throw kieError('invalid_input', `${action} needs a Midjourney task, got ${input.taskId}`);
    if (!Number.isInteger(input.index) || input.index < 0 || input.index > 3)
      throw kieError('invalid_input', `${action}: image index ${input.index} is not 0-3`);
    await rateLimiter.acquire();
    const created = await createMidjourneyGridTask(http, baseUrl, {
      action,
      taskId: id,
      index: input.index,
      callbackUrl: input.callbackUrl,
    });
    return ourTaskId('midjourney', created);
  }

  return {
    name: 'kie',
    demo: options.demo ?? false,
    tools: KIE_TOOLS,
    callbacks: kieCallbacks(options.webhookHmacKey ?? null),
    createTask: (input) => guarded(() => createTask(input)),
    getTask: (taskId) => guarded(() => getTask(taskId)),
    downloadResult: (url) => guarded(() => downloadImage(url, download)),
    grid: {
      upscaleTask: (input) => guarded(() => gridTask('upscale', input)),
      varyTask: (input) => guarded(() => gridTask('vary', input)),
    },
  };
}
