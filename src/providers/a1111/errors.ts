import { errorsOf, messages } from '../errors.js';
import { type ErrorCatalogue, ProviderError } from '../types.js';

const { busy: BUSY, account: ACCOUNT, couldNotCreate: COULD_NOT_CREATE, couldNotFetch: COULD_NOT_FETCH } = messages;

/**
 * The closed list of error codes the AUTOMATIC1111 adapter throws or reports.
 * Codes shared with the KIE adapter keep its meaning, so the pipeline's
 * failure-reason table already knows them; the A1111-only ones say so.
 */
const catalogue = {
  /** Connection refused, DNS failure, a timeout, HTTP 408/429/5xx or a body that is not the webui's JSON. */
  provider_unavailable: { kind: 'transient', userMessage: BUSY, reason: 'provider_busy' },
  /** A1111-only: this process already holds the maximum number of queued tasks. */
  queue_full: { kind: 'transient', userMessage: BUSY, reason: 'provider_busy' },
  /** HTTP 401/403: `--api-auth` is on and our username/password is missing or wrong. */
  auth: { kind: 'provider_account', userMessage: ACCOUNT, reason: 'provider_unavailable' },
  /** A1111-only: /sdapi answers 404 "Not Found", i.e. the webui runs without `--api` (or the URL is wrong). */
  api_disabled: { kind: 'provider_account', userMessage: ACCOUNT, reason: 'provider_unavailable' },
  /** A1111-only: the webui has no upscaler of A1111_UPSCALER's name (it answers 500 for that). */
  upscaler_not_found: { kind: 'provider_account', userMessage: ACCOUNT, reason: 'provider_unavailable' },
  /** A1111-only: the configured checkpoint is not in the webui's model list. */
  checkpoint_not_found: { kind: 'provider_account', userMessage: 'This model is currently unavailable.', reason: 'model_unavailable' },
  /** HTTP 400/422, or a 404 with a detail such as "Sampler not found": the webui refused our fields. */
  invalid_input: { kind: 'permanent', userMessage: 'The image service could not accept this request.', reason: 'invalid_request' },
  /** More than one reference image: img2img takes a single init image here. */
  references_not_supported: {
    kind: 'permanent',
    userMessage: 'This model does not accept these reference images.',
    reason: 'reference_problem',
  },
  /** Any other HTTP 4xx from a generation call. */
  generation_failed: { kind: 'permanent', userMessage: COULD_NOT_CREATE, reason: 'provider_failed' },
  /** The task id is not in this process's memory: never ours, evicted, or the process restarted. */
  task_not_found: { kind: 'permanent', userMessage: COULD_NOT_CREATE, reason: 'provider_failed' },
  /** The response held no image, or base64 that is not PNG, JPEG or WebP. */
  result_not_image: {
    kind: 'permanent',
    userMessage: 'The image service returned a file that is not an image.',
    reason: 'result_unusable',
  },
  /** The response body passed the size cap. */
  result_too_large: { kind: 'permanent', userMessage: COULD_NOT_FETCH, reason: 'result_unusable' },
  /** The result was already downloaded (bytes are kept once) or was evicted. */
  result_missing: { kind: 'permanent', userMessage: COULD_NOT_FETCH, reason: 'result_unusable' },
  /** downloadResult got a URL that is not an `a1111-result://` URL of this adapter. */
  result_url_refused: { kind: 'permanent', userMessage: COULD_NOT_FETCH, reason: 'result_unusable' },
} as const satisfies ErrorCatalogue;

export type A1111ErrorCode = keyof typeof catalogue;

/** Builds the ProviderError for `code`; `detail` is for logs only and must hold no key. */
export const a1111Error = errorsOf(catalogue);

/**
 * FastAPI's `detail`: a string for HTTPException, a list of issues for 422
 * validation; for an exception inside the webui (500), its `errors` text.
 */
function detailOf(body: string): string | undefined {
  try {
    const json = JSON.parse(body) as { detail?: unknown; errors?: unknown } | null;
    const detail = json?.detail || json?.errors;
    if (detail === undefined || detail === '') return undefined;
    return typeof detail === 'string' ? detail : JSON.stringify(detail);
  } catch {
    return undefined;
  }
}

/**
 * Classifies a non-2xx answer. A 404 is ambiguous in A1111: a route that does
 * not exist (started without `--api`) answers FastAPI's plain "Not Found",
 * while a bad field answers 404 with its own detail ("Sampler not found").
 */
export function errorForStatus(status: number, body: string, what: string): ProviderError {
  const detail = detailOf(body);
  const text = `${what}: HTTP ${status}${detail ? ` ${detail.slice(0, 300)}` : ''}`;
  if (status === 401 || status === 403) return a1111Error('auth', `${text} (check the --api-auth username and password)`);
  if (status === 404 && (detail === undefined || detail === 'Not Found')) {
    return a1111Error('api_disabled', `${text}: start stable-diffusion-webui with --api, and check that the base URL is the webui's`);
  }
  // Retrying cannot help: every upscale fails until the operator names an upscaler the webui has.
  if (status === 500 && detail?.startsWith('could not find upscaler'))
    return a1111Error('upscaler_not_found', `${text}: set A1111_UPSCALER to a name from GET /sdapi/v1/upscalers`);
  if (status === 408 || status === 429 || status >= 500) return a1111Error('provider_unavailable', text);
  if (status === 400 || status === 404 || status === 422) return a1111Error('invalid_input', text);
  return a1111Error('generation_failed', text);
}

/** Turns a fetch rejection (refused connection, DNS, timeout) into a transient error. */
export function errorForFetchFailure(error: unknown, what: string): ProviderError {
  if (error instanceof ProviderError) return error;
  const name = error instanceof Error ? error.name : 'Error';
  if (name === 'TimeoutError' || name === 'AbortError') return a1111Error('provider_unavailable', `${what}: timed out`);
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
  const message = error instanceof Error ? error.message : String(error);
  return a1111Error('provider_unavailable', `${what}: ${message}${cause}`);
}
