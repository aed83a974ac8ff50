import type { ErrorCode, FailureReason } from '../../../src/contracts/errors.js';
import type { PolicyCategory } from '../../../src/contracts/moderation.js';
import { ApiError } from './client.js';

/**
 * The one place where error codes become i18n keys: our API's closed ErrorCode
 * list, Better Auth's codes, generation failure codes, and the client's own
 * (network, unknown). Screens call `errorMessageKey(err)` and translate it.
 */

const apiErrorKeys = {
  invalid_input: 'errors.invalidInput',
  unauthenticated: 'errors.unauthenticated',
  forbidden: 'errors.forbidden',
  two_factor_required: 'errors.twoFactorRequired',
  not_found: 'errors.notFound',
  insufficient_credits: 'errors.insufficientCredits',
  unknown_model: 'errors.unknownModel',
  unsupported_image: 'errors.unsupportedImage',
  image_too_large: 'errors.imageTooLarge',
  conflict: 'errors.conflict',
  limit_reached: 'errors.limitReached',
  cannot_cancel: 'errors.cannotCancel',
  already_finished: 'errors.alreadyFinished',
  content_policy: 'errors.contentPolicy.other',
  rate_limited: 'errors.rateLimited',
  payload_too_large: 'errors.payloadTooLarge',
  billing_disabled: 'errors.billingDisabled',
  payment_provider_unavailable: 'errors.paymentProviderUnavailable',
  moderation_unavailable: 'errors.moderationUnavailable',
  invalid_signature: 'errors.invalidSignature',
  reauthentication_required: 'errors.reauthenticationRequired',
  age_confirmation_required: 'errors.ageConfirmationRequired',
  internal: 'errors.internal',
} as const satisfies Record<ErrorCode, string>;

/** Why the content policy refused a prompt (`error.category` of content_policy). Types only: the public pages load this file, and zod must stay out of them. */
const policyKeys = {
  minor_sexual: 'errors.contentPolicy.minor_sexual',
  sexual: 'errors.contentPolicy.sexual',
  denylist: 'errors.contentPolicy.denylist',
  photo_sexual: 'errors.contentPolicy.photo_sexual',
  explicit_upload: 'errors.contentPolicy.explicit_upload',
  known_image: 'errors.contentPolicy.known_image',
} as const satisfies Record<PolicyCategory, string>;

/** Better Auth answers `{ code, message }` with these UPPER_CASE codes. */
const authErrorKeys: Record<string, string> = {
  AGE_CONFIRMATION_REQUIRED: 'errors.auth.ageConfirmationRequired',
  EMAIL_NOT_VERIFIED: 'errors.auth.emailNotVerified',
  INVALID_EMAIL_OR_PASSWORD: 'errors.auth.invalidEmailOrPassword',
  INVALID_EMAIL: 'errors.auth.invalidEmail',
  INVALID_NAME: 'errors.auth.invalidName',
  INVALID_PASSWORD: 'errors.auth.invalidEmailOrPassword',
  USER_ALREADY_EXISTS: 'errors.auth.userAlreadyExists',
  USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL: 'errors.auth.userAlreadyExists',
  PASSWORD_TOO_SHORT: 'errors.auth.passwordTooShort',
  PASSWORD_TOO_LONG: 'errors.auth.passwordTooLong',
  PASSWORD_COMPROMISED: 'errors.auth.passwordCompromised',
  INVALID_TOKEN: 'errors.auth.invalidToken',
  TOKEN_EXPIRED: 'errors.auth.invalidToken',
  EMAIL_ALREADY_VERIFIED: 'errors.auth.emailAlreadyVerified',
  TOO_MANY_REQUESTS: 'errors.rateLimited',
  INVALID_ORIGIN: 'errors.auth.invalidOrigin',
  ACCOUNT_SUSPENDED: 'errors.auth.accountSuspended',
  MISSING_OR_NULL_ORIGIN: 'errors.auth.invalidOrigin',
  PASSWORD_TOO_COMMON: 'errors.auth.passwordTooCommon',
  CHALLENGE_FAILED: 'errors.auth.challengeFailed',
  CREDENTIAL_ACCOUNT_NOT_FOUND: 'errors.auth.wrongPassword',
  // Sensitive changes need a recent sign-in.
  SESSION_NOT_FRESH: 'errors.auth.reauthenticate',
  SESSION_EXPIRED: 'errors.auth.reauthenticate',
  CHANGE_EMAIL_DISABLED: 'errors.auth.changeEmailDisabled',
  // Two-factor sign-in (Better Auth's plugin).
  INVALID_CODE: 'errors.auth.invalidCode',
  INVALID_BACKUP_CODE: 'errors.auth.invalidBackupCode',
  TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE: 'errors.auth.tooManyAttempts',
  ACCOUNT_TEMPORARILY_LOCKED: 'errors.auth.tooManyAttempts',
  INVALID_TWO_FACTOR_COOKIE: 'errors.auth.twoFactorExpired',
  TOTP_NOT_ENABLED: 'errors.auth.twoFactorNotEnabled',
  TWO_FACTOR_NOT_ENABLED: 'errors.auth.twoFactorNotEnabled',
  TOTP_ALREADY_ENABLED: 'errors.auth.twoFactorAlreadyEnabled',
  // Passkeys (Better Auth's plugin, and the browser's refusals as api/passkeys.ts names them).
  PASSKEY_NOT_FOUND: 'errors.auth.passkeyNotFound',
  AUTHENTICATION_FAILED: 'errors.auth.passkeyFailed',
  CHALLENGE_NOT_FOUND: 'errors.auth.passkeyFailed',
  FAILED_TO_VERIFY_REGISTRATION: 'errors.auth.passkeyFailed',
  PASSKEY_CANCELLED: 'errors.auth.passkeyCancelled',
  PASSKEY_ALREADY_ADDED: 'errors.auth.passkeyAlreadyAdded',
  ID_TOKEN_SIGN_IN_DISABLED: 'errors.auth.providerFailed',
  // A configured provider that cannot be used now (an OpenID Connect issuer whose discovery document did not load).
  PROVIDER_NOT_FOUND: 'errors.auth.providerFailed',
};

/**
 * Signing in with a provider ends on our page with `?error=<code>` (Better
 * Auth's callback codes, lower case, or an API code such as ACCOUNT_SUSPENDED).
 * The ones a person can act on get their own words; the rest (state expired,
 * a code the provider refused, the provider's own `access_denied`…) say that
 * the sign-in did not complete.
 */
const providerErrorKeys: Record<string, string> = {
  account_not_linked: 'errors.auth.accountNotLinked',
  unable_to_link_account: 'errors.auth.accountNotLinked',
  email_not_verified: 'errors.auth.providerEmailNotVerified',
  email_not_found: 'errors.auth.providerNoEmail',
  access_denied: 'errors.auth.providerCancelled',
  ACCOUNT_SUSPENDED: 'errors.auth.accountSuspended',
};

/** The i18n key for the `?error=` a provider sign-in came back with. */
export const providerErrorKey = (code: string): string => providerErrorKeys[code] ?? 'errors.auth.providerFailed';

/** Codes that mean "sign in again first": Better Auth's fresh-session checks and our DELETE /api/me. */
const reauthCodes = new Set(['SESSION_NOT_FRESH', 'SESSION_EXPIRED', 'reauthentication_required']);

/** Why a generation failed (`generation.error.code`): the server's closed list. */
const generationFailureKeys = {
  provider_busy: 'generation.failure.busy',
  provider_unavailable: 'generation.failure.unavailable',
  model_unavailable: 'generation.failure.modelUnavailable',
  invalid_request: 'generation.failure.invalidRequest',
  reference_problem: 'generation.failure.referenceUnreachable',
  content_policy: 'generation.failure.contentPolicy',
  provider_failed: 'generation.failure.provider',
  result_unusable: 'generation.failure.fetch',
  timeout: 'generation.failure.timeout',
  internal: 'generation.failure.internal',
} as const satisfies Record<FailureReason, string>;

const isApiErrorCode = (code: string): code is ErrorCode => Object.hasOwn(apiErrorKeys, code);

/** The i18n key describing any thrown value to the user. */
export function errorMessageKey(err: unknown): string {
  if (!(err instanceof ApiError)) return 'errors.unknown';
  if (err.code === 'network') return 'errors.network';
  if (err.code === 'content_policy' && err.category && Object.hasOwn(policyKeys, err.category)) {
    return policyKeys[err.category as PolicyCategory];
  }
  if (isApiErrorCode(err.code)) return apiErrorKeys[err.code];
  const auth = authErrorKeys[err.code];
  if (auth) return auth;
  if (err.status === 429) return apiErrorKeys.rate_limited;
  if (err.status >= 500) return apiErrorKeys.internal;
  return 'errors.unknown';
}

/** The i18n key for a failed generation's reason, or undefined to show the server's own message. */
export function generationFailureKey(code: string | undefined): string | undefined {
  return code && Object.hasOwn(generationFailureKeys, code) ? generationFailureKeys[code as FailureReason] : undefined;
}

/** True when the error means "not signed in" (any shape). */
export const isUnauthenticated = (err: unknown): boolean => err instanceof ApiError && err.status === 401;

/** True when sign-in failed only because the address is not verified yet. */
export const isEmailNotVerified = (err: unknown): boolean => err instanceof ApiError && err.code === 'EMAIL_NOT_VERIFIED';

/** True when the action needs a recent sign-in (offer to sign in again). */
export const needsFreshSignIn = (err: unknown): boolean => err instanceof ApiError && reauthCodes.has(err.code);

/**
 * The key for an error where the user typed their current password (Settings): Better Auth
 * says INVALID_PASSWORD (our own re-authentication: reauthentication_required on the password
 * field), which on the sign-in page must not reveal which half was wrong.
 */
export function passwordErrorKey(err: unknown): string {
  const wrong =
    err instanceof ApiError && (err.code === 'INVALID_PASSWORD' || (err.code === 'reauthentication_required' && err.field === 'password'));
  return wrong ? 'errors.auth.wrongPassword' : errorMessageKey(err);
}
