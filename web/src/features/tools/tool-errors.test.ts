import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.js';
import { toolError } from './tool-errors.js';

describe('toolError', () => {
  it('puts a 422 naming a field the form shows next to that field, in a message of our own', () => {
    expect(toolError(new ApiError(422, 'invalid_input', 'The mask must be…', 'maskUploadId'))).toEqual({
      field: 'maskUploadId',
      key: 'tools.errors.maskUploadId',
    });
    expect(toolError(new ApiError(422, 'invalid_input', 'x', 'sourceUploadId'))).toEqual({
      field: 'sourceUploadId',
      key: 'tools.errors.source',
    });
  });

  it('shows anything else as a general message', () => {
    expect(toolError(new ApiError(422, 'invalid_input', 'x', 'seed'))).toEqual({ field: null, key: 'errors.invalidInput' });
    expect(toolError(new ApiError(402, 'insufficient_credits', 'x', 'count'))).toEqual({ field: null, key: 'errors.insufficientCredits' });
    expect(toolError(new Error('boom'))).toEqual({ field: null, key: 'errors.unknown' });
  });
});
