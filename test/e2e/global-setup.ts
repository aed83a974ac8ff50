import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

/** Builds the web app once (into dist/web, which the server serves; with its prerendered pages) before any journey runs. */
export default function setup(): void {
  // Only counting the tests (scripts/test.mjs): nothing to build.
  if (process.env.E2E_LIST_ONLY === '1') return;
  mkdirSync('test-results/screenshots', { recursive: true });
  // The whole web build (bundle, prerendered pages, compressed copies): test what ships.
  // Vitest sets NODE_ENV=test, which would bundle React's development build.
  execFileSync('npm', ['run', 'build:web', '--silent'], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
}
