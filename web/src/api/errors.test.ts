import { describe, expect, it } from 'vitest';
import { ApiError, toApiError } from './client.js';
import { errorMessageKey, generationFailureKey, isEmailNotVerified, isUnauthenticated } from './errors.js';

describe('reading error responses', () => {
  it('reads our envelope { error: { code, message, field } }', () => {
    const err = toApiError(422, { error: { code: 'invalid_input', message: 'prompt: Write a prompt', field: 'prompt' } });
    expect(err).toMatchObject({ status: 422, code: 'invalid_input', field: 'prompt' });
    expect(errorMessageKey(err)).toBe('errors.invalidInput');
  });

  it("reads Better Auth's flat { code, message }", () => {
    const err = toApiError(403, { code: 'EMAIL_NOT_VERIFIED', message: 'Email not verified' });
    expect(isEmailNotVerified(err)).toBe(true);
    expect(errorMessageKey(err)).toBe('errors.auth.emailNotVerified');
  });

  it('falls back on the status when the body says nothing useful', () => {
    expect(errorMessageKey(toApiError(429, undefined))).toBe('errors.rateLimited');
    expect(errorMessageKey(toApiError(502, '<html>Bad gateway</html>'))).toBe('errors.internal');
    expect(isUnauthenticated(toApiError(401, null))).toBe(true);
    expect(errorMessageKey(toApiError(418, {}))).toBe('errors.unknown');
  });

  it('maps network failures and non-API errors', () => {
    expect(errorMessageKey(new ApiError(0, 'network', 'fetch failed'))).toBe('errors.network');
    expect(errorMessageKey(new TypeError('x'))).toBe('errors.unknown');
  });

  it('translates known generation failure codes and leaves unknown ones to the server message', () => {
    expect(generationFailureKey('timeout')).toBe('generation.failure.timeout');
    expect(generationFailureKey('something_new')).toBeUndefined();
    expect(generationFailureKey(undefined)).toBeUndefined();
  });
});
