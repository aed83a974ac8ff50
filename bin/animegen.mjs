#!/usr/bin/env node
// `animegen start | serve | worker | migrate | admin`: runs the server build, dist/server/main.js,
// in this process (signals reach the server itself), building it first when it is missing
// or older than a source file.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isStale } from '../scripts/stale.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'dist/server/main.js');

if (isStale(bundle, [join(root, 'src')])) {
  const r = spawnSync(process.execPath, [join(root, 'scripts/build-server.mjs')], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
process.setSourceMapsEnabled(true);
await import(pathToFileURL(bundle).href);
