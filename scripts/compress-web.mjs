// The last step of `npm run build:web`: writes a brotli (`.br`, best quality)
// and a gzip (`.gz`, level 9) copy beside every compressible file of the built
// web app (dist/web), HTML written by earlier build steps included. The server
// sends the copy the browser accepts, so no request pays for compression and
// the copies are as small as the formats allow.
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** Text formats worth compressing; images and fonts are compressed already, source maps only open in devtools. */
const compressible = /\.(?:js|mjs|css|html|svg|json|txt|xml|webmanifest)$/i;
/** Below this a compressed copy saves less than its own headers and a packet's worth. */
const minBytes = 1024;

/**
 * Compresses every compressible file under `root` (recursively). A copy is
 * kept only when it is smaller than the original; stale copies are removed.
 * Returns what it wrote, for the build log.
 * @param {string} root
 * @returns {Promise<{ files: number; bytes: number; br: number; gzip: number }>}
 */
export async function compressWeb(root) {
  const names = (await readdir(root, { recursive: true })).map(String);
  const sources = names.filter((n) => compressible.test(n));
  const totals = { files: 0, bytes: 0, br: 0, gzip: 0 };
  await Promise.all(
    sources.map(async (name) => {
      const path = join(root, name);
      if (!(await stat(path)).isFile()) return;
      const data = await readFile(path);
      const [b, g] =
        data.length < minBytes
          ? [null, null]
          : await Promise.all([
              brotli(data, {
                params: {
                  [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
                  [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
                  [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
                },
              }),
              gz(data, { level: 9 }),
            ]);
      await Promise.all([keep(`${path}.br`, b, data.length), keep(`${path}.gz`, g, data.length)]);
      if (b && b.length < data.length) {
        totals.files += 1;
        totals.bytes += data.length;
        totals.br += b.length;
        totals.gzip += g?.length ?? data.length;
      }
    }),
  );
  return totals;
}

/** Writes a compressed copy, or removes an old one when there is none worth keeping. */
async function keep(path, compressed, originalBytes) {
  if (compressed && compressed.length < originalBytes) await writeFile(path, compressed);
  else await rm(path, { force: true });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'web');
  const t = await compressWeb(root);
  const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
  console.log(`compressed ${t.files} files: ${kb(t.bytes)} → ${kb(t.br)} brotli, ${kb(t.gzip)} gzip`);
}
