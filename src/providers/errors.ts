import { type ErrorCatalogue, ProviderError } from './types.js';

/** What users read for the outcomes every adapter has. */
export const messages = {
  busy: "The image service is busy. We'll retry automatically.",
  account: 'The image service is not available right now. Please try again later.',
  couldNotCreate: 'The image service could not create this image.',
  couldNotFetch: 'The generated image could not be retrieved.',
} as const;

/** An adapter's error builder over its catalogue: `detail` is for logs only and must hold no secret. */
export function errorsOf<C extends ErrorCatalogue>(catalogue: C) {
  return (code: keyof C & string, detail?: string): ProviderError => new ProviderError(code, catalogue[code]!, detail);
}

/** Replaces `secret` in a ProviderError's detail (a body or proxy may echo a key); anything else is returned as is. */
export function scrubSecret<E>(error: E, secret: string | undefined): E {
  if (!(error instanceof ProviderError) || !secret || !error.detail?.includes(secret)) return error;
  return new ProviderError(error.code, error, error.detail.split(secret).join('[redacted]')) as E;
}

/**
 * Wraps an adapter's calls so that only ProviderErrors leave it, each with
 * the adapter's secrets scrubbed from its detail; anything else is a bug in
 * our code, kept visible in logs but still a ProviderError for callers.
 */
export function guardedBy(scrub: (error: ProviderError) => ProviderError, unexpected: (detail: string) => ProviderError) {
  return async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof ProviderError) throw scrub(error);
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      throw scrub(unexpected(`unexpected ${message}`));
    }
  };
}
