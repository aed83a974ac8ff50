import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, normalize, relative, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Fingerprinted by Vite: a changed file gets a new name, so browsers may keep these for a year. */
const immutable = 'public, max-age=31536000, immutable';
/** Everything else (the app page, prerendered pages, the icon) is revalidated, so a deploy shows at once. */
const revalidate = 'no-cache';

/**
 * Serves the built React app (dist/web) when it exists. Returns whether it
 * does, so the not-found handler can fall back to index.html.
 *
 * Each text file has `.br` and `.gz` copies made at build time
 * (scripts/compress-web.mjs); the copy the browser accepts is sent with
 * `Content-Encoding` and `Vary: Accept-Encoding`, the original otherwise.
 * The pages listed in `prerendered.json` (URL path → HTML file, written at
 * build time) are sent as they are for exactly that path, so they paint
 * before any script runs; every other page is the app's index.html.
 */
export async function registerWeb(app: FastifyInstance, root: string): Promise<boolean> {
  if (!existsSync(join(root, 'index.html'))) {
    app.log.warn({ root }, 'web app not built (run npm run build:web); only the API is served');
    return false;
  }
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    index: false,
    preCompressed: true,
    // The copies are sent in place of their original, never under their own name.
    globIgnore: ['**/*.br', '**/*.gz'],
    setHeaders: (res, path) => {
      res.header('cache-control', relative(root, path).startsWith(`assets${sep}`) ? immutable : revalidate);
    },
  });
  for (const [path, file] of Object.entries(readPrerendered(app, root))) {
    app.get(path, { config: { access: 'public', cache: 'none' } }, (_req, reply) => reply.sendFile(file));
  }
  return true;
}

/**
 * The build's map of prerendered pages, `{ "/sign-in": "pages/sign-in.html" }`.
 * Absent means none; an entry that is not a page path or names a file outside
 * the app or missing is left out (logged), so a bad build cannot serve
 * arbitrary files or stop the server.
 */
function readPrerendered(app: FastifyInstance, root: string): Record<string, string> {
  const manifest = join(root, 'prerendered.json');
  if (!existsSync(manifest)) return {};
  let entries: [string, unknown][];
  try {
    const parsed: unknown = JSON.parse(readFileSync(manifest, 'utf8'));
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
    entries = Object.entries(parsed);
  } catch (err) {
    app.log.warn({ err, manifest }, 'prerendered pages ignored: unreadable manifest');
    return {};
  }
  const pages: Record<string, string> = {};
  for (const [path, file] of entries) {
    const ok =
      // No dots: a page path never collides with a file's own route (/index.html, /favicon.svg).
      /^\/[\w\-/]*$/.test(path) &&
      !path.startsWith('/api/') &&
      !path.startsWith('/assets/') &&
      typeof file === 'string' &&
      file.endsWith('.html') &&
      !isAbsolute(file) &&
      !normalize(file).startsWith('..') &&
      existsSync(join(root, file));
    if (ok) pages[path] = normalize(file).split(sep).join('/');
    else app.log.warn({ path, file }, 'prerendered page ignored: bad path or missing file');
  }
  return pages;
}
