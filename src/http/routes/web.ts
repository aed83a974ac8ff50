import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, normalize, relative, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyRequest } from 'fastify';

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
 * build time; `prerendered.ja.json` the same in Japanese) are sent as they
 * are for exactly that path, in the visitor's language, so they paint before
 * any script runs, with the demo banner when the server runs on demo images.
 * The signed-in screens in `app-shells.json` (and `.ja.json`) are the app's
 * index.html naming what the screen fetches first, in the same way; every
 * other page is the app's index.html.
 */
export async function registerWeb(app: FastifyInstance, root: string, facts: { demo: boolean }): Promise<boolean> {
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
  // Each page also exists with the demo banner (`.demo.html`): the one true of this server is sent.
  const variant = (pages: Record<string, string>) => (facts.demo ? mapValues(pages, (file) => withDemo(root, file)) : pages);
  servePages(app, variant(readPrerendered(app, root, 'prerendered.json')), variant(readPrerendered(app, root, 'prerendered.ja.json')));
  // Without a session the screen sends the visitor to sign in: its API answers would only be refusals.
  servePages(
    app,
    variant(readPrerendered(app, root, 'app-shells.json')),
    variant(readPrerendered(app, root, 'app-shells.ja.json')),
    hasSessionCookie,
  );
  return true;
}

/**
 * Answers each path with its page, in Japanese to a visitor who reads it and
 * the build wrote one; with the plain index.html when `when` says no.
 */
function servePages(
  app: FastifyInstance,
  english: Record<string, string>,
  japanese: Record<string, string>,
  when: (req: FastifyRequest) => boolean = () => true,
): void {
  for (const [path, file] of Object.entries(english)) {
    const ja = japanese[path];
    app.get(path, { config: { access: 'public', cache: 'none' } }, (req, reply) => {
      // The same address answers in either language: shared caches must keep them apart.
      reply.header('vary', 'Accept-Encoding, Accept-Language, Cookie');
      if (!when(req)) return reply.sendFile('index.html');
      return reply.sendFile(ja && prefersJapanese(req) ? ja : file);
    });
  }
}

/** A page's demo-banner variant when the build wrote one, else the page itself. */
function withDemo(root: string, file: string): string {
  const demo = file.replace(/\.html$/, '.demo.html');
  return existsSync(join(root, demo)) ? demo : file;
}

const mapValues = (o: Record<string, string>, f: (v: string) => string) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]));

/** The cookie the web app sets when a language is chosen or applied (web/src/features/preferences). */
const LOCALE_COOKIE = 'lang';

/** The request's cookies as [name, value] pairs (values as sent). */
const cookiesOf = (req: FastifyRequest) =>
  String(req.headers.cookie ?? '')
    .split(';')
    .map((c) => c.trim().split('='));

/** Better Auth's session cookie (`__Secure-` over https): whether it is valid, the app asks. */
const hasSessionCookie = (req: FastifyRequest) =>
  cookiesOf(req).some(([n]) => n === 'animegen.session_token' || n === '__Secure-animegen.session_token');

/**
 * Which language a visitor reads, before any script runs: the language they
 * chose on this device (its cookie), else their browser's first preference
 * among ours. English is the default, as in the app.
 */
export function prefersJapanese(req: FastifyRequest): boolean {
  const chosen = cookiesOf(req).find(([name]) => name === LOCALE_COOKIE)?.[1];
  if (chosen === 'ja' || chosen === 'en') return chosen === 'ja';
  const ranked = String(req.headers['accept-language'] ?? '')
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = Number(
        params
          .find((p) => p.trim().startsWith('q='))
          ?.trim()
          .slice(2) ?? 1,
      );
      return { lang: tag.split('-')[0], q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((l) => (l.lang === 'ja' || l.lang === 'en') && l.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return ranked[0]?.lang === 'ja';
}

/**
 * The build's map of prerendered pages, `{ "/sign-in": "pages/sign-in.html" }`.
 * Absent means none; an entry that is not a page path or names a file outside
 * the app or missing is left out (logged), so a bad build cannot serve
 * arbitrary files or stop the server.
 */
function readPrerendered(app: FastifyInstance, root: string, name: string): Record<string, string> {
  const manifest = join(root, name);
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
