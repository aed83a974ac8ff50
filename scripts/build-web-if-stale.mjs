// `npm start`: builds the web app only when dist/web is older than what it is
// built from (the web sources, the contracts they import, the build config,
// the installed packages), so a plain restart starts at once.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isStale } from './stale.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const inputs = [
  'web',
  'src/contracts',
  'vite.config.ts',
  'package-lock.json',
  'package.json',
  'scripts/prerender-web.mjs',
  'scripts/compress-web.mjs',
].map((p) => join(root, p));
if (isStale(join(root, 'dist/web/index.html'), inputs)) {
  // The whole web build (bundle, prerendered pages, compressed copies), as CI and the tests run it.
  const r = spawnSync('npm', ['run', 'build:web', '--silent'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  process.exit(r.status ?? 1);
}
