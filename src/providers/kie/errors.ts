import { errorsOf, messages } from '../errors.js';
import type { ErrorCatalogue, ProviderError } from '../types.js';

const { busy: BUSY, account: ACCOUNT, couldNotCreate: COULD_NOT_CREATE, couldNotFetch: COULD_NOT_FETCH } = messages;

/**
 * The closed list of error codes the KIE adapter throws, with how each is
 * treated and what a user may read. Callers branch on `kind`; `code` is for
 * logs, metrics and retry caps (e.g. `kie_500`).
 */
const catalogue = {
  /** KIE answered 429: the request was not queued; retry later. */
  rate_limited: { kind: 'transient', userMessage: BUSY, reason: 'provider_busy' },
  /** Network error, timeout, HTTP 5xx, code 455 or a body that is not a KIE envelope. */
  provider_unavailable: { kind: 'transient', userMessage: BUSY, reason: 'provider_busy' },
  /** HTTP 403 with an HTML body: Cloudflare refused the request (e.g. "error code: 1010"). */
  blocked_html: { kind: 'transient', userMessage: BUSY, reason: 'provider_busy' },
  /** Body code 500. Sometimes a validation problem in disguise, so callers cap retries. */
  kie_500: { kind: 'transient', userMessage: BUSY, reason: 'provider_busy', maxAttempts: 3 },
  /** Body code 401: the API key is missing, wrong or not whitelisted for this IP. */
  auth: { kind: 'provider_account', userMessage: ACCOUNT, reason: 'provider_unavailable' },
  /** Body code 402 or 433: the KIE account or sub-key has no credits left. */
  insufficient_provider_credits: { kind: 'provider_account', userMessage: ACCOUNT, reason: 'provider_unavailable' },
  /** Body code 400 or 422, or input we refuse before calling KIE. */
  invalid_input: { kind: 'permanent', userMessage: 'The image service could not accept this request.', reason: 'invalid_request' },
  /** References given to a model that takes none, too many, or none to an edit model. */
  references_not_supported: {
    kind: 'permanent',
    userMessage: 'This model does not accept these reference images.',
    reason: 'reference_problem',
  },
  /** Body code 501, or the task ended in state `fail` for a reason other than content policy. */
  generation_failed: { kind: 'permanent', userMessage: COULD_NOT_CREATE, reason: 'provider_failed' },
  /** The prompt or a reference was refused under KIE's content policy. */
  content_policy: {
    kind: 'rejected',
    userMessage: 'The image service rejected this prompt under its content policy.',
    reason: 'content_policy',
  },
  /** Body code 505: the model or feature is switched off at KIE. */
  feature_disabled: { kind: 'permanent', userMessage: 'This model is currently unavailable.', reason: 'model_unavailable' },
  /** Body code 404: the endpoint or resource does not exist. */
  not_found: { kind: 'permanent', userMessage: COULD_NOT_CREATE, reason: 'provider_failed' },
  /** recordInfo answered 422 ("recordInfo is null"): KIE does not know this task id. */
  task_not_found: { kind: 'permanent', userMessage: COULD_NOT_CREATE, reason: 'provider_failed' },
  /** Body code 451: KIE could not download one of our reference images. */
  reference_unreachable: {
    kind: 'permanent',
    userMessage: 'The image service could not read a reference image.',
    reason: 'reference_problem',
  },
  /** Any other body code; the detail names it. */
  kie_error: { kind: 'permanent', userMessage: COULD_NOT_CREATE, reason: 'provider_failed' },
  /** The result URL answered 404/410/403 (results expire after about a day). */
  result_missing: { kind: 'permanent', userMessage: COULD_NOT_FETCH, reason: 'result_unusable' },
  /** The result bytes are not PNG, JPEG or WebP. */
  result_not_image: {
    kind: 'permanent',
    userMessage: 'The image service returned a file that is not an image.',
    reason: 'result_unusable',
  },
  /** The result is larger than the configured cap. */
  result_too_large: { kind: 'permanent', userMessage: COULD_NOT_FETCH, reason: 'result_unusable' },
  /** The result URL (or a redirect) has a refused scheme, host or address. */
  result_url_refused: { kind: 'permanent', userMessage: COULD_NOT_FETCH, reason: 'result_unusable' },
  /** More than the allowed number of redirects. */
  too_many_redirects: { kind: 'permanent', userMessage: COULD_NOT_FETCH, reason: 'result_unusable' },
} as const satisfies ErrorCatalogue;

export type KieErrorCode = keyof typeof catalogue;

/** Builds the ProviderError for `code`; `detail` is for logs only and must hold no key. */
export const kieError = errorsOf(catalogue);

/** Words KIE and its upstream models use when a content filter refused something. */
const POLICY_WORDS = /polic(y|ies)|flagged|nsfw|sensitive|moderat|safety|prohibited|inappropriate/i;

export function mentionsContentPolicy(text: string): boolean {
  return POLICY_WORDS.test(text);
}

/** Per-route meanings of a body code, e.g. 422 on recordInfo means "no such task". */
export type CodeOverrides = Partial<Record<number, KieErrorCode>>;

/**
 * Maps a KIE envelope `code` other than 200 to an error. The same mapping
 * serves createTask, recordInfo and the upload API.
 */
export function errorForKieCode(code: number, msg: string, overrides?: CodeOverrides): ProviderError {
  const detail = `KIE code ${code}: ${msg}`;
  const override = overrides?.[code];
  if (override) return kieError(override, detail);
  if (code === 401) return kieError('auth', detail);
  if (code === 402 || code === 433) return kieError('insufficient_provider_credits', detail);
  if (code === 429) return kieError('rate_limited', detail);
  if (code === 455) return kieError('provider_unavailable', detail);
  if (code === 500) return kieError('kie_500', detail);
  // 400 and 501 are documented as content-policy refusals on some routes.
  if ((code === 400 || code === 501 || code === 422) && mentionsContentPolicy(msg)) return kieError('content_policy', detail);
  if (code === 400 || code === 422) return kieError('invalid_input', detail);
  if (code === 501) return kieError('generation_failed', detail);
  if (code === 505) return kieError('feature_disabled', detail);
  if (code === 404) return kieError('not_found', detail);
  if (code === 451) return kieError('reference_unreachable', detail);
  if (code >= 500 && code < 600) return kieError('provider_unavailable', detail);
  return kieError('kie_error', detail);
}
