import { describe, expect, it } from 'vitest';
import { requestProblem, SLOW_REQUEST_MS } from './request-log.js';

describe('requestProblem (which requests the readable console shows)', () => {
  it('shows every server error, however fast', () => {
    for (const statusCode of [500, 502, 503]) expect(requestProblem({ statusCode, ms: 1, stream: false })).toBe('failed');
  });

  it('shows a slow answer, but not an event stream that stays open while the page does', () => {
    expect(requestProblem({ statusCode: 200, ms: SLOW_REQUEST_MS, stream: false })).toBe('slow');
    expect(requestProblem({ statusCode: 200, ms: SLOW_REQUEST_MS - 1, stream: false })).toBeNull();
    expect(requestProblem({ statusCode: 200, ms: 600_000, stream: true })).toBeNull();
  });

  it("leaves out the client's own errors (a guest's 401, a probe's 404)", () => {
    for (const statusCode of [400, 401, 403, 404, 422, 429]) expect(requestProblem({ statusCode, ms: 5, stream: false })).toBeNull();
  });
});
