import { a1111Error } from './errors.js';

/**
 * Checkpoint selection. A model's `providerModel` names the checkpoint to use
 * (its title, name, short hash or file name, as the webui lists them); the
 * value `default` means "the adapter's configured checkpoint, or else
 * whatever the webui has loaded".
 */
export const DEFAULT_PROVIDER_MODEL = 'default';

export interface CheckpointInfo {
  title: string;
  model_name?: string;
  hash?: string | null;
  sha256?: string | null;
  filename?: string;
}

/** Parses `GET /sdapi/v1/sd-models`; items without a title are skipped. */
export function parseCheckpointList(json: unknown): CheckpointInfo[] {
  if (!Array.isArray(json)) throw a1111Error('provider_unavailable', 'GET /sdapi/v1/sd-models: response is not a list');
  return json.filter((item): item is CheckpointInfo => typeof (item as CheckpointInfo | null)?.title === 'string');
}

const baseName = (path: string | undefined) => path?.split(/[\\/]/).pop();

/** The checkpoint a configured name refers to, matched exactly on any of the names the webui accepts. */
export function findCheckpoint(list: readonly CheckpointInfo[], wanted: string): CheckpointInfo | undefined {
  return list.find(
    (c) =>
      c.title === wanted ||
      c.model_name === wanted ||
      c.hash === wanted ||
      c.sha256 === wanted ||
      baseName(c.filename) === wanted ||
      baseName(c.filename)?.replace(/\.[^.]+$/, '') === wanted,
  );
}

/** The checkpoint name to look up for a task, or undefined to keep the webui's loaded one. */
export function wantedCheckpoint(providerModel: string, configured: string | undefined): string | undefined {
  if (providerModel !== DEFAULT_PROVIDER_MODEL) return providerModel;
  return configured || undefined;
}

/**
 * Resolves `wanted` to the title the webui will load, or throws
 * checkpoint_not_found. We check instead of trusting the webui because an
 * unknown `sd_model_checkpoint` can silently fall back to another model.
 */
export function resolveCheckpoint(list: readonly CheckpointInfo[], wanted: string): string {
  const found = findCheckpoint(list, wanted);
  if (found) return found.title;
  const known = list
    .slice(0, 10)
    .map((c) => c.title)
    .join(', ');
  throw a1111Error(
    'checkpoint_not_found',
    `checkpoint "${wanted}" is not in the webui's list (${known || 'empty'}); copy a title from GET /sdapi/v1/sd-models, or refresh the checkpoint list in the webui`,
  );
}
