import { createReadStream } from 'node:fs';
import { copyFile, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { newToken } from '../lib/ids.js';
import type { Storage } from './types.js';

/** Files in a local folder (`DATA_DIR/files`). Writes are atomic (temp file + rename). */
export function createLocalStorage(root: string): Storage {
  const base = resolve(root);
  const pathOf = (key: string) => {
    const full = resolve(join(base, key));
    if (!full.startsWith(base + sep)) throw new Error('storage key escapes the storage root');
    return full;
  };
  /** Whole or not at all: readers never see a half-written file. */
  const atomically = async (key: string, write: (tmp: string) => Promise<void>) => {
    const path = pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    const tmp = `${path}.${newToken(6)}.tmp`;
    try {
      await write(tmp);
      await rename(tmp, path);
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
  };
  return {
    put: (key, bytes) => atomically(key, (tmp) => writeFile(tmp, bytes)),
    // copyFile uses the kernel's copy (or a reflink), never the whole file in memory.
    putFile: (key, source) => atomically(key, (tmp) => copyFile(source, tmp)),
    async get(key) {
      const path = pathOf(key);
      try {
        const s = await stat(path);
        return { stream: createReadStream(path), size: s.size };
      } catch {
        return null;
      }
    },
    async delete(keys) {
      await Promise.all(keys.map((k) => rm(pathOf(k), { force: true })));
    },
    async exists(key) {
      try {
        await stat(pathOf(key));
        return true;
      } catch {
        return false;
      }
    },
  };
}
