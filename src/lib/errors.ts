import type { ErrorCode } from '../contracts/errors.js';

export type { ErrorCode };

/** The one code → HTTP status table. A missing code fails to compile. */
export const errorStatus = {
  invalid_input: 422,
  unauthenticated: 401,
  forbidden: 403,
  two_factor_required: 403,
  not_found: 404,
  insufficient_credits: 402,
  unknown_model: 422,
  unsupported_image: 415,
  image_too_large: 413,
  conflict: 409,
  limit_reached: 409,
  cannot_cancel: 409,
  already_finished: 409,
  content_policy: 422,
  rate_limited: 429,
  payload_too_large: 413,
  billing_disabled: 503,
  payment_provider_unavailable: 502,
  moderation_unavailable: 503,
  invalid_signature: 400,
  reauthentication_required: 401,
  age_confirmation_required: 403,
  internal: 500,
} as const satisfies Record<ErrorCode, number>;

/**
 * Thrown by modules for anything a user can cause. `message` is safe to show the
 * user; `detail` is for logs only.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly options: { field?: string; detail?: string; category?: string } = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
  get status(): number {
    return errorStatus[this.code];
  }
}

export const notFound = (what = 'That item'): AppError => new AppError('not_found', `${what} was not found.`);
