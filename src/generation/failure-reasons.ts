import type { FailureReason } from '../contracts/errors.js';

/** Provider and pipeline codes folded into the closed list users see. Unknown codes count as provider_failed. */
const reasonOf: Record<string, FailureReason> = {
  rate_limited: 'provider_busy',
  provider_unavailable: 'provider_busy',
  blocked_html: 'provider_busy',
  kie_500: 'provider_busy',
  auth: 'provider_unavailable',
  api_disabled: 'provider_unavailable',
  checkpoint_not_found: 'model_unavailable',
  queue_full: 'provider_busy',
  insufficient_provider_credits: 'provider_unavailable',
  feature_disabled: 'model_unavailable',
  invalid_input: 'invalid_request',
  references_not_supported: 'reference_problem',
  reference_unreachable: 'reference_problem',
  reference_missing: 'reference_problem',
  content_policy: 'content_policy',
  generation_failed: 'provider_failed',
  not_found: 'provider_failed',
  task_not_found: 'provider_failed',
  kie_error: 'provider_failed',
  result_missing: 'result_unusable',
  result_not_image: 'result_unusable',
  result_too_large: 'result_unusable',
  result_url_refused: 'result_unusable',
  too_many_redirects: 'result_unusable',
  timeout: 'timeout',
  internal: 'internal',
};

export function failureReason(code: string): FailureReason {
  return reasonOf[code] ?? 'provider_failed';
}
