import { describe, expect, it } from 'vitest';
import { ProviderError } from '../types.js';
import { parseEnvelope } from './envelope.js';
import { taskStateFromRecord } from './task-state.js';

function errorOf(status: number, body: string): ProviderError {
  try {
    parseEnvelope(status, body);
  } catch (error) {
    if (error instanceof ProviderError) return error;
    throw error;
  }
  throw new Error('expected parseEnvelope to throw');
}

const body = (code: number, msg = 'x') => JSON.stringify({ code, msg, data: null });

describe('parseEnvelope', () => {
  it('accepts body code 200 whatever the HTTP status, reading msg or message', () => {
    expect(parseEnvelope(200, JSON.stringify({ code: 200, msg: 'success', data: { taskId: 't' } }))).toEqual({
      code: 200,
      msg: 'success',
      data: { taskId: 't' },
    });
    expect(parseEnvelope(201, JSON.stringify({ code: 200, message: 'ok', data: 1 })).msg).toBe('ok');
  });

  it.each([
    [401, 'provider_account', 'auth'],
    [402, 'provider_account', 'insufficient_provider_credits'],
    [433, 'provider_account', 'insufficient_provider_credits'],
    [429, 'transient', 'rate_limited'],
    [455, 'transient', 'provider_unavailable'],
    [500, 'transient', 'kie_500'],
    [503, 'transient', 'provider_unavailable'],
    [400, 'permanent', 'invalid_input'],
    [422, 'permanent', 'invalid_input'],
    [404, 'permanent', 'not_found'],
    [451, 'permanent', 'reference_unreachable'],
    [501, 'permanent', 'generation_failed'],
    [505, 'permanent', 'feature_disabled'],
    [418, 'permanent', 'kie_error'],
  ])('maps body code %i under HTTP 200 to %s %s', (code, kind, errorCode) => {
    expect(errorOf(200, body(code))).toMatchObject({ kind, code: errorCode });
  });

  it('treats a 400 or 501 that mentions the content policy as a rejection', () => {
    expect(errorOf(200, body(400, 'Image flagged as sensitive'))).toMatchObject({ kind: 'rejected', code: 'content_policy' });
    expect(errorOf(200, body(501, 'Content moderation blocked the output'))).toMatchObject({ kind: 'rejected' });
  });

  it('classifies a non-JSON body: HTML 403 as blocked_html, anything else as provider_unavailable', () => {
    expect(errorOf(403, '<html>error code: 1010</html>')).toMatchObject({ kind: 'transient', code: 'blocked_html' });
    expect(errorOf(502, '<html>Bad gateway</html>')).toMatchObject({ kind: 'transient', code: 'provider_unavailable' });
    expect(errorOf(200, 'not json')).toMatchObject({ kind: 'transient', code: 'provider_unavailable' });
  });

  it('falls back to the HTTP status for JSON without a code', () => {
    expect(errorOf(404, '{"error":"no route"}')).toMatchObject({ kind: 'permanent', code: 'not_found' });
    expect(errorOf(200, '{"data":{}}')).toMatchObject({ kind: 'transient' });
  });

  it('keeps user messages plain: no URLs, no codes', () => {
    for (const code of [401, 402, 429, 451, 500, 501, 505]) {
      const error = errorOf(200, body(code, 'see https://kie.ai/secret?key=abc'));
      expect(error.userMessage).not.toMatch(/https?:|\d{3}|key/);
    }
  });
});

describe('taskStateFromRecord', () => {
  it('reads waiting, queuing and generating as pending with progress', () => {
    expect(taskStateFromRecord({ state: 'waiting' })).toEqual({ state: 'pending' });
    expect(taskStateFromRecord({ state: 'QUEUING', progress: 12 })).toEqual({ state: 'pending', progress: 12 });
    expect(taskStateFromRecord({ state: 'generating', progress: '55' })).toEqual({ state: 'pending', progress: 55 });
  });

  it('parses resultJson, which is a JSON string inside the JSON', () => {
    const resultJson = JSON.stringify({ resultUrls: ['https://a/1.png', 'https://a/2.png'] });
    expect(taskStateFromRecord({ state: 'success', resultJson })).toEqual({
      state: 'succeeded',
      resultUrls: ['https://a/1.png', 'https://a/2.png'],
    });
  });

  it('fails a success without result URLs instead of reporting an empty success', () => {
    const state = taskStateFromRecord({ state: 'success', resultJson: '{"resultUrls":[]}' });
    expect(state.state === 'failed' && state.error.code).toBe('generation_failed');
  });

  it('accepts fail and failed in any case, and tells content-policy failures apart', () => {
    const generic = taskStateFromRecord({ state: 'FAILED', failCode: '500', failMsg: 'Internal server error' });
    expect(generic.state === 'failed' && generic.error).toMatchObject({ kind: 'permanent', code: 'generation_failed' });
    for (const failMsg of ['Violates our usage policy', 'flagged', 'NSFW content detected', 'sensitive content', 'moderation']) {
      const state = taskStateFromRecord({ state: 'fail', failCode: '400', failMsg });
      expect(state.state === 'failed' && state.error.kind).toBe('rejected');
    }
  });
});
