import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

/** Builds the web app once (into dist/web, which the server serves) before any journey runs. */
export default function setup(): void {
  mkdirSync('test-results/screenshots', { recursive: true });
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
}
