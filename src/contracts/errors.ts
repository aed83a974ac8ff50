/**
 * The closed list of error codes the API answers with. Each one has a status in
 * src/lib/errors.ts and a translated message in web/src/i18n.
 */
export const errorCodes = [
  /** The request body, query or params failed validation; `field` names the first bad one. */
  'invalid_input',
  /** Not signed in, or the session has ended. */
  'unauthenticated',
  /** Signed in but not allowed (e.g. e-mail not verified). */
  'forbidden',
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
  /** Too many requests in a window; retry later. */
  'rate_limited',
  /** A request body is larger than the server accepts. */
  'payload_too_large',
  /** Anything we did not expect; the body carries only the request id. */
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export interface ErrorBody {
  error: { code: ErrorCode; message: string; field?: string; requestId?: string };
}
