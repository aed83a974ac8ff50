import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isStale } from '../../scripts/stale.mjs';

/** `npm start` rebuilds the web app (and the server build) only when something it is made from changed. */
describe('build staleness', () => {
  const at = (path: string, seconds: number) => utimesSync(path, seconds, seconds);

  it('builds when the output is missing, skips when nothing changed, builds again when any input changed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stale-'));
    const output = join(dir, 'out.html');
    mkdirSync(join(dir, 'web/src/deep'), { recursive: true });
    const source = join(dir, 'web/src/deep/page.tsx');
    writeFileSync(source, 'a');
    const config = join(dir, 'vite.config.ts');
    writeFileSync(config, 'c');
    const inputs = [join(dir, 'web'), config, join(dir, 'not-there')];
    expect(isStale(output, inputs)).toBe(true);

    writeFileSync(output, 'built');
    // Folders count too: adding or removing a file changes its folder's time.
    for (const p of [source, config, join(dir, 'web'), join(dir, 'web/src'), join(dir, 'web/src/deep')]) at(p, 1_000);
    at(output, 2_000);
    expect(isStale(output, inputs)).toBe(false);

    at(source, 3_000); // a file deep in a folder
    expect(isStale(output, inputs)).toBe(true);
    at(output, 4_000);
    at(config, 5_000); // a single file
    expect(isStale(output, inputs)).toBe(true);
  });
});
