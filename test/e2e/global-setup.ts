import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

/** Builds the web app once (into dist/web, which the server serves) before any journey runs. */
export default function setup(): void {
  mkdirSync('test-results/screenshots', { recursive: true });
  // Vitest sets NODE_ENV=test, which would bundle React's development build; test what ships.
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
}
