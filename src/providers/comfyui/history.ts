import type { TaskState } from '../types.js';
import { comfyError } from './errors.js';

/**
 * Reads one finished entry of `GET /history/{prompt_id}`:
 * `{outputs: {<node>: {images: [{filename, subfolder, type}]}}, status: {status_str, completed, messages: [[event, data], …]}}`.
 * ComfyUI writes the entry once the run ends, so an entry is never pending.
 */

interface SavedImage {
  filename: string;
  subfolder: string;
  type: string;
}

interface HistoryEntry {
  outputs?: Record<string, { images?: unknown[] } | null>;
  status?: { status_str?: unknown; messages?: unknown[] } | null;
}

const short = (v: unknown) => String(v ?? '').slice(0, 300);

function isSavedImage(image: unknown): image is SavedImage {
  const i = image as Partial<SavedImage> | null;
  return typeof i?.filename === 'string' && typeof (i.subfolder ?? '') === 'string' && i.type === 'output';
}

/** The task's end state; `urlOf` turns a saved image into this server's /view URL. */
export function stateFromHistory(raw: unknown, urlOf: (image: SavedImage) => string): TaskState {
  const entry = (raw ?? {}) as HistoryEntry;
  const messages = Array.isArray(entry.status?.messages) ? entry.status.messages : [];
  const event = (name: string) =>
    messages.find((m): m is [string, Record<string, unknown>] => Array.isArray(m) && m[0] === name)?.[1] ?? undefined;
  const failure = event('execution_error');
  if (failure) {
    // The exception text (e.g. CUDA out of memory) is for logs; users read the catalogue's message.
    const where = `${short(failure.node_type)} node ${short(failure.node_id)}`;
    return {
      state: 'failed',
      error: comfyError('execution_failed', `${where}: ${short(failure.exception_type)}: ${short(failure.exception_message)}`),
    };
  }
  if (event('execution_interrupted'))
    return { state: 'failed', error: comfyError('interrupted', 'the run was interrupted on the ComfyUI server') };
  if (entry.status?.status_str === 'error')
    return { state: 'failed', error: comfyError('execution_failed', 'history status "error" without details') };
  // Node ids in ascending order, so the first URL is stable between reads; previews (type temp) are skipped.
  const images = Object.keys(entry.outputs ?? {})
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .flatMap((node) => entry.outputs?.[node]?.images ?? [])
    .filter(isSavedImage);
  if (images.length === 0)
    return { state: 'failed', error: comfyError('result_missing', 'the run saved no image (does the workflow end in SaveImage?)') };
  return { state: 'succeeded', resultUrls: images.map((i) => urlOf({ filename: i.filename, subfolder: i.subfolder ?? '', type: i.type })) };
}
