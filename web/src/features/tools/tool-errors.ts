import { ApiError } from '../../api/client.js';
import { errorMessageKey } from '../../api/errors.js';

/** The request fields the Tools form shows a refusal next to; each has its own message in every language. */
const fieldKeys = {
  prompt: 'tools.errors.prompt',
  negativePrompt: 'tools.errors.negativePrompt',
  strength: 'tools.errors.strength',
  factor: 'tools.errors.factor',
  aspectRatio: 'tools.errors.aspectRatio',
  count: 'tools.errors.count',
  maskUploadId: 'tools.errors.maskUploadId',
  model: 'tools.errors.model',
  tool: 'tools.errors.model',
  sourceImageId: 'tools.errors.source',
  sourceUploadId: 'tools.errors.source',
} as const;

export type ToolField = keyof typeof fieldKeys;
export type ToolError = { field: ToolField | null; key: string };

/**
 * A refusal as the form shows it: a 422 naming a known field goes next to
 * that field, in the user's language (the server's message is English);
 * anything else is a general message under the submit button.
 */
export function toolError(err: unknown): ToolError {
  const field = err instanceof ApiError && err.status === 422 ? err.field : undefined;
  if (field && Object.hasOwn(fieldKeys, field)) return { field: field as ToolField, key: fieldKeys[field as ToolField] };
  return { field: null, key: errorMessageKey(err) };
}
