import type { FailureReason } from '../contracts/errors.js';

/** Why a generation (or one of its images) failed: `code` for logs, `reason` and `message` for the user. */
export interface Failure {
  code: string;
  reason: FailureReason;
  message: string;
}

/** Failures the pipeline decides on itself; a provider's come with its errors (ProviderError). */
export const pipelineFailures = {
  timeout: { code: 'timeout', reason: 'timeout', message: 'This took too long and was stopped. Your credits were refunded.' },
  internal: { code: 'internal', reason: 'internal', message: 'Something went wrong on our side. Your credits were refunded.' },
  resultMissing: { code: 'result_missing', reason: 'result_unusable', message: 'The image service returned no image.' },
  resultDamaged: { code: 'result_not_image', reason: 'result_unusable', message: 'The image service returned a damaged image.' },
  referenceMissing: {
    code: 'reference_missing',
    reason: 'reference_problem',
    message: 'A reference image is missing. Your credits were refunded.',
  },
} as const satisfies Record<string, Failure>;

/** A passing fault that outlasted every retry: the adapter's own text promises a retry that will not come. */
export const retriesSpentMessage = 'The image service stayed busy through every retry. Your credits were refunded; please try again later.';
