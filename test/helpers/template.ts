import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** A hash of every migration file and the files the queues are defined in: either changing makes a new template. */
export function schemaHash(): string {
  const dir = join(root, 'src/db/migrations');
  const hash = createHash('sha256');
  const queueFiles = readdirSync(join(root, 'src'))
    .map((module) => `src/${module}/jobs.ts`)
    .filter((file) => existsSync(join(root, file)));
  for (const file of [...queueFiles, 'src/jobs/queue.ts', 'src/deps.ts', 'test/helpers/queue-schema.ts'])
    hash.update(readFileSync(join(root, file)));
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort())
    hash.update(readFileSync(join(dir, file)));
  return hash.digest('hex').slice(0, 12);
}

export function cacheDir(): string {
  const dir = join(root, 'node_modules/.cache/animegen-test');
  mkdirSync(dir, { recursive: true });
  return dir;
}

export const pgliteTemplatePath = (): string => join(cacheDir(), `pglite-${schemaHash()}.tar.gz`);
export const postgresTemplateName = (): string => `animegen_tpl_${schemaHash()}`;

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
