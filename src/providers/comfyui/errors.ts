import { errorsOf, messages } from '../errors.js';
import { type ErrorCatalogue, ProviderError } from '../types.js';

const { busy: BUSY, account: ACCOUNT, couldNotCreate: COULD_NOT_CREATE, couldNotFetch: COULD_NOT_FETCH } = messages;
const NOT_ACCEPTED = 'The image service could not accept this request.';

/**
 * The closed list of error codes the ComfyUI adapter throws or reports.
 * Codes shared with the other adapters keep their meaning; `detail` (logs
 * only) carries ComfyUI's own words, never the token.
 */
const catalogue = {
  /** Connection refused, DNS failure, a timeout, HTTP 408/429/5xx, or a body that is not ComfyUI's JSON (a proxy's page). */
  provider_unavailable: { kind: 'transient', userMessage: BUSY, reason: 'provider_busy' },
  /** HTTP 401/403: the proxy in front of ComfyUI wants COMFYUI_TOKEN, or refuses it. */
  auth: { kind: 'provider_account', userMessage: ACCOUNT, reason: 'provider_unavailable' },
  /** HTTP 404 without ComfyUI's JSON: COMFYUI_URL (or the proxy path) does not lead to ComfyUI's API. */
  wrong_url: { kind: 'provider_account', userMessage: ACCOUNT, reason: 'provider_unavailable' },
  /**
   * POST /prompt answered `missing_node_type`: the workflow needs a node class this
   * server lacks (a custom node not installed). Every task fails until the operator acts.
   */
  node_missing: { kind: 'provider_account', userMessage: ACCOUNT, reason: 'provider_unavailable' },
  /** The model's checkpoint is not in the server's list (/object_info/CheckpointLoaderSimple). */
  checkpoint_not_found: { kind: 'permanent', userMessage: 'This model is currently unavailable.', reason: 'model_unavailable' },
  /** POST /prompt answered 400 with `node_errors` (a value out of range, not in a list, a missing input) or another 4xx. */
  invalid_input: { kind: 'permanent', userMessage: NOT_ACCEPTED, reason: 'invalid_request' },
  /** More than one reference image: the img2img workflow loads a single image. */
  references_not_supported: {
    kind: 'permanent',
    userMessage: 'This model does not accept these reference images.',
    reason: 'reference_problem',
  },
  /** POST /upload/image refused the reference (HTTP 4xx). */
  reference_refused: {
    kind: 'permanent',
    userMessage: 'The image service could not read the reference image.',
    reason: 'reference_problem',
  },
  /** The run ended with `execution_error` in /history (out of memory, a node raising). */
  execution_failed: { kind: 'permanent', userMessage: COULD_NOT_CREATE, reason: 'provider_failed' },
  /** The run was interrupted on the server (someone pressed Cancel, or POST /interrupt). */
  interrupted: { kind: 'permanent', userMessage: COULD_NOT_CREATE, reason: 'provider_failed' },
  /** The prompt id is in neither the queue nor the history: ComfyUI restarted (both live in memory) or the id is not ComfyUI's. */
  task_not_found: { kind: 'permanent', userMessage: COULD_NOT_CREATE, reason: 'provider_failed' },
  /** The run succeeded but its history lists no saved image (the workflow's output node saved nothing). */
  result_missing: { kind: 'permanent', userMessage: COULD_NOT_FETCH, reason: 'result_unusable' },
  /** /view answered bytes that are not PNG, JPEG or WebP. */
  result_not_image: {
    kind: 'permanent',
    userMessage: 'The image service returned a file that is not an image.',
    reason: 'result_unusable',
  },
  /** A response passed the size cap. */
  result_too_large: { kind: 'permanent', userMessage: COULD_NOT_FETCH, reason: 'result_unusable' },
  /** downloadResult got a URL that is not this server's /view. */
  result_url_refused: { kind: 'permanent', userMessage: COULD_NOT_FETCH, reason: 'result_unusable' },
} as const satisfies ErrorCatalogue;

export type ComfyErrorCode = keyof typeof catalogue;

/** Builds the ProviderError for `code`; `detail` is for logs only and must hold no token. */
export const comfyError = errorsOf(catalogue);

interface Reason {
  type?: unknown;
  message?: unknown;
  details?: unknown;
}

/** ComfyUI's refusal of a graph: `{error: {type, message, details}, node_errors: {<id>: {class_type, errors: [...]}}}`, in one line. */
export function describeRefusal(body: string): { type?: string; text: string } | undefined {
  let json: { error?: Reason | string; node_errors?: Record<string, { class_type?: unknown; errors?: Reason[] }> } | null;
  try {
    json = JSON.parse(body) as typeof json;
  } catch {
    return undefined;
  }
  if (!json || typeof json !== 'object' || json.error === undefined) return undefined;
  const error = typeof json.error === 'string' ? { message: json.error } : json.error;
  const nodes = Object.entries(json.node_errors ?? {}).flatMap(([id, node]) =>
    (node.errors ?? []).map((e) => `node ${id} (${String(node.class_type)}): ${String(e.message)}: ${String(e.details ?? '')}`),
  );
  const head = [error.message, error.details].filter((s) => typeof s === 'string' && s !== '').join(': ');
  const text = nodes.length > 0 ? `${String(error.message ?? 'refused')}; ${nodes.join('; ')}` : head;
  return { type: typeof error.type === 'string' ? error.type : undefined, text: text.slice(0, 600) };
}

/** Classifies a non-2xx answer from ComfyUI (or the proxy in front of it). */
export function errorForStatus(status: number, body: string, what: string): ProviderError {
  const refusal = describeRefusal(body);
  const text = `${what}: HTTP ${status}${refusal ? ` ${refusal.text}` : ''}`;
  if (status === 401 || status === 403) return comfyError('auth', `${text} (check COMFYUI_TOKEN and the proxy in front of ComfyUI)`);
  if (status === 408 || status === 429 || status >= 500) return comfyError('provider_unavailable', text);
  if (status === 404 && !refusal)
    return comfyError('wrong_url', `${text}: check that COMFYUI_URL is the ComfyUI server (or its proxy path)`);
  if (refusal?.type === 'missing_node_type') return comfyError('node_missing', `${text} (install the custom node, or fix the workflow)`);
  return comfyError('invalid_input', text);
}

/** Turns a fetch rejection (refused connection, DNS, timeout) into a transient error. */
export function errorForFetchFailure(error: unknown, what: string): ProviderError {
  if (error instanceof ProviderError) return error;
  const name = error instanceof Error ? error.name : 'Error';
  if (name === 'TimeoutError' || name === 'AbortError') return comfyError('provider_unavailable', `${what}: timed out`);
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
  const message = error instanceof Error ? error.message : String(error);
  return comfyError('provider_unavailable', `${what}: ${message}${cause}`);
}
