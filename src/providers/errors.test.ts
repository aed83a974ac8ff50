import { describe, expect, it } from 'vitest';
import { errorsOf, scrubSecret } from './errors.js';
import { type ErrorCatalogue, ProviderError } from './types.js';

describe('adapter error catalogues', () => {
  it('build errors that carry their outcome: kind, message, failure reason, attempt cap', () => {
    const errorOf = errorsOf({
      flaky: { kind: 'transient', userMessage: 'Busy.', reason: 'provider_busy', maxAttempts: 3 },
    } satisfies ErrorCatalogue);
    const error = errorOf('flaky', 'HTTP 500 from upstream');
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ code: 'flaky', kind: 'transient', userMessage: 'Busy.', reason: 'provider_busy', maxAttempts: 3 });
  });

  it('refuse, at compile time, an entry without a failure reason or with one users cannot see', () => {
    // @ts-expect-error no reason: the pipeline would not know what to tell the user
    const missing = { lost: { kind: 'permanent', userMessage: 'Lost.' } } satisfies ErrorCatalogue;
    // @ts-expect-error not one of the closed failure reasons
    const unknown = { odd: { kind: 'permanent', userMessage: 'Odd.', reason: 'kie_odd' } } satisfies ErrorCatalogue;
    expect([missing, unknown]).toHaveLength(2);
  });

  it('keep secrets out of the detail', () => {
    const leaked = new ProviderError(
      'auth',
      { kind: 'provider_account', userMessage: 'No.', reason: 'provider_unavailable' },
      'key sk-123 refused',
    );
    expect(scrubSecret(leaked, 'sk-123').detail).toBe('key [redacted] refused');
    expect(scrubSecret('not an error', 'sk-123')).toBe('not an error');
  });
});
