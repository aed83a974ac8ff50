// `npm start`: builds the web app only when dist/web is older than what it is
// built from (the web sources, the contracts they import, the build config,
// the installed packages), so a plain restart starts at once.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isStale } from './stale.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const inputs = ['web', 'src/contracts', 'vite.config.ts', 'scripts/prerender-web.mjs', 'package-lock.json'].map((p) => join(root, p));
if (isStale(join(root, 'dist/web/index.html'), inputs)) {
  const r = spawnSync('npm', ['run', 'build:web', '--silent'], { cwd: root, stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
