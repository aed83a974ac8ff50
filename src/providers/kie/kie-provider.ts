import { scrubSecret } from '../errors.js';
import { type CreateTaskInput, type ImageProvider, ProviderError, type TaskState } from '../types.js';
import { parseAllowedHost } from './address-policy.js';
import { kieCallbacks } from './callbacks.js';
import { type DownloadPolicy, downloadImage } from './download.js';
import { dataRecord } from './envelope.js';
import { kieError } from './errors.js';
import { callKie, type KieHttpOptions } from './http.js';
import { buildModelInput, referenceProblem } from './models.js';
import { createInProcessRateLimiter, type RateLimiter } from './rate-limit.js';
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

const trimSlash = (url: string) => url.replace(/\/+$/, '');

/** Creates the KIE Market adapter. Every method throws only ProviderError. */
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
  const guarded = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      const safe = scrubSecret(error, options.apiKey);
      if (safe instanceof ProviderError) throw safe;
      // A bug, not the provider: keep it visible in logs but still a ProviderError for callers.
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      throw scrubSecret(kieError('provider_unavailable', `unexpected ${message}`), options.apiKey);
    }
  };

  async function createTask(input: CreateTaskInput): Promise<string> {
    const problem = referenceProblem(input.providerModel, input.references.length);
    if (problem) throw kieError('references_not_supported', problem);
    // Sequential on purpose: a few small files, and KIE's upload host is rate-sensitive.
    const referenceUrls: string[] = [];
    for (const reference of input.references) referenceUrls.push(reference.url ?? (await uploadReference(http, uploadBaseUrl, reference)));
    // Each model's builder sends only the fields that model takes; the catalog offers no others.
    const body = {
      model: input.providerModel,
      ...(input.callbackUrl ? { callBackUrl: input.callbackUrl } : {}),
      input: buildModelInput(input.providerModel, {
        prompt: input.prompt,
        negativePrompt: input.negativePrompt,
        aspectRatio: input.aspectRatio,
        seed: input.seed,
        steps: input.steps,
        guidance: input.guidance,
        referenceUrls,
      }),
    };
    // Acquire after the uploads, so a slow upload does not sit on a rate-limit slot.
    await rateLimiter.acquire();
    const envelope = await callKie(http, 'POST', `${baseUrl}/api/v1/jobs/createTask`, body);
    const taskId = dataRecord(envelope, 'createTask').taskId;
    if (typeof taskId !== 'string' || taskId === '') throw kieError('provider_unavailable', 'createTask: no taskId in response');
    return taskId;
  }

  async function getTask(taskId: string): Promise<TaskState> {
    const url = `${baseUrl}/api/v1/jobs/recordInfo?taskId=${encodeURIComponent(taskId)}`;
    // On recordInfo, 422 ("recordInfo is null") means KIE does not know the id.
    const envelope = await callKie(http, 'GET', url, undefined, { 422: 'task_not_found' });
    const data = dataRecord(envelope, 'recordInfo');
    if (!isKnownState(data.state)) log?.warn({ taskId, state: data.state }, 'KIE task in an unknown state; treating it as pending');
    return taskStateFromRecord(data);
  }

  return {
    name: 'kie',
    demo: options.demo ?? false,
    callbacks: kieCallbacks(options.webhookHmacKey ?? null),
    createTask: (input) => guarded(() => createTask(input)),
    getTask: (taskId) => guarded(() => getTask(taskId)),
    downloadResult: (url) => guarded(() => downloadImage(url, download)),
  };
}
