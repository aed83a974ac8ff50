// `npm run build:server`: the server as one ES module, dist/server/main.js, run by plain
// `node` (bin/animegen.mjs). Run through tsx instead, a process holds ~80 MB more
// (the loader thread and its compiler) and compiles every module at start-up.
// Packages stay external: node_modules is installed beside it. With --bench the
// benchmarks are built the same way (dist/bench/), so they measure what production runs.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entryPoints = { 'server/main': 'src/main.ts' };
if (process.argv.includes('--bench')) {
  Object.assign(entryPoints, {
    'bench/run': 'bench/run.ts',
    'bench/pipeline': 'bench/pipeline.ts',
    'bench/in-flight-round': 'bench/in-flight-round.ts',
    'bench/web': 'bench/web.ts',
    'bench/tags': 'bench/tags.ts',
    'bench/zip': 'bench/zip.ts',
    'bench/moderation': 'bench/moderation.ts',
  });
}

const { outputFiles } = await build({
  absWorkingDir: root,
  entryPoints,
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
  // Written below, each file whole: processes that start at once may all build.
  write: false,
});
for (const file of outputFiles) {
  mkdirSync(dirname(file.path), { recursive: true });
  const temp = `${file.path}.${process.pid}.tmp`;
  writeFileSync(temp, file.contents);
  renameSync(temp, file.path);
}
