// Whether a build output is older than any of its inputs (files or folders,
// walked recursively). A missing output is stale. A checkout that changes a
// file gives it a new mtime, so this notices branch switches and pulls too.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** @param {string} output @param {string[]} inputs @returns {boolean} */
export function isStale(output, inputs) {
  if (!existsSync(output)) return true;
  const built = statSync(output).mtimeMs;
  const newer = (path) => {
    if (!existsSync(path)) return false;
    const stat = statSync(path);
    if (!stat.isDirectory()) return stat.mtimeMs > built;
    return readdirSync(path, { recursive: true }).some((name) => statSync(join(path, String(name))).mtimeMs > built);
  };
  return inputs.some(newer);
}
