// Part of `npm run build:web`, after the app's build (dist/web) and the SSR build
// of web/src/prerender.tsx (dist/prerender): writes each public page in each
// language as HTML the browser paints before any script runs, into the built
// index.html (same hashed script and styles), with modulepreload links for
// exactly the chunks that page needs. Then two maps for the server, exact URL
// path → file under dist/web: prerendered.json (English) and prerendered.ja.json.
// Each page is written twice, with and without the demo banner (`.demo.html`).
// The signed-in screens get an app shell each (index.html naming their chunks
// and first API answers, with the screen's frame: the page as the app draws it
// while the session loads), mapped in app-shells.json and app-shells.ja.json,
// also written twice.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const web = join(root, 'dist/web');
const { pages, appShells, locales, localeModules, appLocaleModules, renderPage, renderAppShell } = await import(
  pathToFileURL(join(root, 'dist/prerender/prerender.js')).href
);

const template = readFileSync(join(web, 'index.html'), 'utf8');
/** @type {Record<string, { file: string, imports?: string[], isEntry?: boolean }>} */
const manifest = JSON.parse(readFileSync(join(web, '.vite/manifest.json'), 'utf8'));

/** A module's chunk and every chunk it statically imports, as manifest keys. */
function chunkClosure(key, seen = new Set()) {
  if (seen.has(key)) return seen;
  if (!manifest[key]) throw new Error(`prerender: ${key} is not in the build manifest`);
  seen.add(key);
  for (const dep of manifest[key].imports ?? []) chunkClosure(dep, seen);
  return seen;
}

const entry = Object.keys(manifest).find((k) => manifest[k].isEntry);
if (!entry) throw new Error('prerender: the build manifest has no entry');
/** Already in index.html: the entry script and its modulepreload links. */
const inTemplate = chunkClosure(entry);

/** The same page with the demo banner: `pages/en/home.html` → `pages/en/home.demo.html`. */
const demoVariant = (file) => file.replace(/\.html$/, '.demo.html');

const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Replaces exactly one occurrence, so a changed index.html fails the build instead of shipping a broken page. */
function replaceOnce(html, pattern, replacement) {
  let count = 0;
  const out = html.replace(pattern, () => {
    count += 1;
    return replacement;
  });
  if (count !== 1) throw new Error(`prerender: index.html has ${count} matches for ${pattern}, expected 1`);
  return out;
}

/** <head> links: the page's chunks and strings not already in index.html, and its first API answers. */
function headLinks(modules, preloadApi = []) {
  const preloads = modules
    .flatMap((module) => [...chunkClosure(module)])
    .filter((key, i, all) => !inTemplate.has(key) && all.indexOf(key) === i)
    .map((key) => `    <link rel="modulepreload" crossorigin href="/${manifest[key].file}">\n`)
    .join('');
  // The same mode and credentials as the app's fetch (same-origin), so the browser hands it this answer.
  const api = preloadApi.map((url) => `    <link rel="preload" href="${escapeHtml(url)}" as="fetch" crossorigin="anonymous">\n`).join('');
  return `${api}${preloads}`;
}

function pageHtml(page, lang, demo, rendered) {
  let html = template;
  html = replaceOnce(html, /<html lang="[^"]*">/, `<html lang="${lang}">`);
  html = replaceOnce(html, /<title>[^<]*<\/title>/, `<title>${escapeHtml(rendered.title)}</title>`);
  html = replaceOnce(html, /\n\s*<\/head>/, `\n${headLinks([page.module, localeModules[lang]], page.preloadApi)}  </head>`);
  html = replaceOnce(
    html,
    /<div id="root"><\/div>/,
    `<div id="root" data-prerendered="${lang}" data-demo="${demo ? 1 : 0}">${rendered.html}</div>`,
  );
  html = replaceOnce(html, /<noscript>[^<]*<\/noscript>/, `<noscript>${escapeHtml(rendered.noscript)}</noscript>`);
  return html;
}

for (const lang of locales) {
  mkdirSync(join(web, 'pages', lang), { recursive: true });
  /** @type {Record<string, string>} */
  const map = {};
  for (const page of pages) {
    const file = `pages/${lang}/${page.name}.html`;
    writeFileSync(join(web, file), pageHtml(page, lang, false, await renderPage(page, lang, false)));
    // The server sends this one instead when it runs on demo images (see src/http/routes/web.ts).
    writeFileSync(join(web, demoVariant(file)), pageHtml(page, lang, true, await renderPage(page, lang, true)));
    map[page.path] = file;
  }
  writeFileSync(join(web, lang === 'en' ? 'prerendered.json' : `prerendered.${lang}.json`), `${JSON.stringify(map, null, 2)}\n`);
}

/**
 * A signed-in screen's page: index.html in its language, naming what the
 * screen needs first, with its frame (header, the page's title and the shapes
 * of what loads) painted before any script runs; `data-app-shell` tells the
 * app to replace it.
 */
function appShellHtml(shell, lang, frame) {
  let html = template;
  html = replaceOnce(html, /<html lang="[^"]*">/, `<html lang="${lang}">`);
  html = replaceOnce(html, /<div id="root"><\/div>/, `<div id="root" data-app-shell="${lang}">${frame}</div>`);
  return replaceOnce(
    html,
    /\n\s*<\/head>/,
    `\n${headLinks([shell.module, localeModules[lang], appLocaleModules[lang]], shell.preloadApi)}  </head>`,
  );
}

for (const lang of locales) {
  mkdirSync(join(web, 'pages', lang, 'app'), { recursive: true });
  /** @type {Record<string, string>} */
  const map = {};
  for (const shell of appShells) {
    const file = `pages/${lang}/app/${shell.name}.html`;
    writeFileSync(join(web, file), appShellHtml(shell, lang, await renderAppShell(shell, lang, false)));
    writeFileSync(join(web, demoVariant(file)), appShellHtml(shell, lang, await renderAppShell(shell, lang, true)));
    map[shell.path] = file;
  }
  writeFileSync(join(web, lang === 'en' ? 'app-shells.json' : `app-shells.${lang}.json`), `${JSON.stringify(map, null, 2)}\n`);
}
