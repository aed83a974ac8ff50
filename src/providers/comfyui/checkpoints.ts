import { comfyError } from './errors.js';

/**
 * Checkpoint selection. A model's `providerModel` names a checkpoint file as
 * ComfyUI lists it (`illustriousXL_v01.safetensors`, or with its subfolder
 * `anime/noobaiXL.safetensors`); the value `default` means COMFYUI_CHECKPOINT,
 * or else the first checkpoint the server lists.
 */
export const DEFAULT_PROVIDER_MODEL = 'default';

/** Reads `GET /object_info/CheckpointLoaderSimple`: the list is `input.required.ckpt_name[0]`. */
export function parseCheckpointList(json: unknown): string[] {
  const info = (json as Record<string, { input?: { required?: { ckpt_name?: unknown[] } } }> | null)?.CheckpointLoaderSimple;
  const list = info?.input?.required?.ckpt_name?.[0];
  if (!Array.isArray(list)) throw comfyError('provider_unavailable', 'GET /object_info/CheckpointLoaderSimple: no ckpt_name list');
  return list.filter((name): name is string => typeof name === 'string');
}

const withoutExtension = (name: string) => name.replace(/\.(safetensors|ckpt|pt|pth|bin|gguf|sft)$/i, '');
const baseName = (name: string) => name.split(/[\\/]/).pop() ?? name;

/**
 * The file name ComfyUI will accept for `wanted`: exact, or the same file
 * named without its extension or its subfolder (ComfyUI itself wants the
 * exact list entry). Throws checkpoint_not_found naming a few it does have.
 */
export function resolveCheckpoint(list: readonly string[], wanted: string): string {
  const found =
    list.find((name) => name === wanted) ??
    list.find((name) => withoutExtension(name) === wanted) ??
    list.find((name) => baseName(name) === wanted || withoutExtension(baseName(name)) === wanted);
  if (found) return found;
  const known = list.slice(0, 10).join(', ');
  throw comfyError(
    'checkpoint_not_found',
    `checkpoint "${wanted}" is not on the ComfyUI server (${known || 'no checkpoints'}); copy a name from GET /object_info/CheckpointLoaderSimple`,
  );
}

/** The checkpoint for a task: the model's, else the configured one, else the server's first. */
export function checkpointFor(list: readonly string[], providerModel: string, configured: string | undefined): string {
  const wanted = providerModel !== DEFAULT_PROVIDER_MODEL ? providerModel : configured || undefined;
  if (wanted) return resolveCheckpoint(list, wanted);
  const first = list[0];
  if (!first) throw comfyError('checkpoint_not_found', 'the ComfyUI server lists no checkpoints (put one in models/checkpoints)');
  return first;
}
