/**
 * The closed list of error codes the API answers with. Each one has a status in
 * src/lib/errors.ts and a translated message in web/src/i18n.
 */
export const errorCodes = [
  /** The request body, query or params failed validation; `field` names the first bad one. */
  'invalid_input',
  /** Not signed in, or the session has ended. */
  'unauthenticated',
  /** Signed in but not allowed (e.g. e-mail not verified, or an operator role that does not cover this). */
  'forbidden',
  /** The operator console needs two-factor sign-in turned on for the operator's own account. */
  'two_factor_required',
  /** The thing does not exist or belongs to someone else (never tells which). */
  'not_found',
  /** The balance is below the cost of the request; nothing was charged. */
  'insufficient_credits',
  /** The model id is not in the catalog. */
  'unknown_model',
  /** An upload is not a PNG, JPEG or WebP image, or cannot be decoded. */
  'unsupported_image',
  /** An upload is over the byte or pixel limit. */
  'image_too_large',
  /** The same request conflicts with the current state (e.g. deleting a running generation). */
  'conflict',
  /** A running generation whose provider offers no way to stop it; it goes on and is charged as usual. */
  'cannot_cancel',
  /** The generation has already ended (succeeded, failed or canceled), so it cannot be canceled. */
  'already_finished',
  /** The account already holds as many of these as it may (e.g. 100 presets); delete one first. */
  'limit_reached',
  /** The prompt breaks the content policy; `category` names the rule (never the word). Nothing was charged or sent. */
  'content_policy',
  /** Too many requests in a window; retry later. */
  'rate_limited',
  /** A request body is larger than the server accepts. */
  'payload_too_large',
  /** This server has no payment provider configured (no Stripe keys); nothing can be bought. */
  'billing_disabled',
  /** The payment provider could not be reached or refused our request; nothing was bought. Safe to retry. */
  'payment_provider_unavailable',
  /** The image check could not look at an upload (fail closed: it was not kept). Safe to retry. */
  'moderation_unavailable',
  /** A payment webhook whose signature does not match its body, our secret or the time; it changed nothing. */
  'invalid_signature',
  /** A sensitive action needs the password or a fresh sign-in first. */
  'reauthentication_required',
  /**
   * The account has not confirmed the minimum age and accepted the terms yet
   * (an account made by signing in with a provider): POST /api/me/consent first.
   */
  'age_confirmation_required',
  /** Anything we did not expect; the body carries only the request id. */
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export interface ErrorBody {
  error: { code: ErrorCode; message: string; field?: string; category?: string; requestId?: string };
}

/**
 * Why a generation (or one of its images) failed, as `generation.error.code`.
 * A closed list, so every reason has a translation; provider-specific detail
 * stays in the logs.
 */
export const failureReasons = [
  /** The provider stayed busy or unreachable through every retry. */
  'provider_busy',
  /** Our provider account needs an operator (credits, key); not the user's fault. */
  'provider_unavailable',
  /** The model is switched off at the provider. */
  'model_unavailable',
  /** The provider refused the request's parameters. */
  'invalid_request',
  /** The provider could not read or accept a reference image. */
  'reference_problem',
  /** The provider's content policy refused the prompt or a reference. */
  'content_policy',
  /** The provider could not make the image. */
  'provider_failed',
  /** The finished image could not be fetched or was not a usable image. */
  'result_unusable',
  /** It ran past its deadline. */
  'timeout',
  /** Something went wrong on our side. */
  'internal',
] as const;

export type FailureReason = (typeof failureReasons)[number];
