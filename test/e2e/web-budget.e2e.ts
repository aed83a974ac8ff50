import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, phone } from './helpers/browser.js';
import { type FirstLoad, firstLoadFromHtml, firstLoadInBrowser } from './helpers/first-load.js';
import { type RunningServer, startServer } from './helpers/server.js';

/**
 * The size budget of the public pages, on the built app as it ships: a phone
 * on a slow network must not wait for more than this before the first paint.
 * Counted twice per page: what its HTML names (scripts, module preloads,
 * stylesheets) and what chromium actually fetches until the network is quiet
 * after load; the larger of the two, gzipped, must fit.
 */
const budget = { js: 150 * 1024, css: 30 * 1024 };
const publicPages = ['/', '/sign-in', '/sign-up', '/privacy', '/terms'];

let server: RunningServer;
let browser: Browser;
const rows: { page: string; html: FirstLoad; browser: FirstLoad }[] = [];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (rows.length) printTable();
});

const kb = (n: number) => (n / 1024).toFixed(1);

function printTable(): void {
  const lines = [
    `first-load bytes per public page, KB (budget: JS ≤ ${kb(budget.js)} gzip, CSS ≤ ${kb(budget.css)} gzip)`,
    'page       | JS gzip html | JS gzip browser | JS br browser | CSS gzip html | CSS gzip browser | CSS br browser | files JS/CSS',
    ...rows.map(
      (r) =>
        `${r.page.padEnd(10)} | ${kb(r.html.gzip.js).padStart(12)} | ${kb(r.browser.gzip.js).padStart(15)} | ${kb(r.browser.br.js).padStart(13)} | ` +
        `${kb(r.html.gzip.css).padStart(13)} | ${kb(r.browser.gzip.css).padStart(16)} | ${kb(r.browser.br.css).padStart(14)} | ` +
        `${r.browser.js.length}/${r.browser.css.length}`,
    ),
  ];
  console.log(lines.join('\n'));
}

describe('size budget of the public pages', () => {
  for (const path of publicPages) {
    it(`${path} needs at most ${kb(budget.js)} KB of script and ${kb(budget.css)} KB of CSS (gzip) before it can paint`, async () => {
      const html = await firstLoadFromHtml(server.baseUrl, path);
      const context = await browser.newContext({ viewport: phone, isMobile: true, hasTouch: true });
      try {
        const loaded = await firstLoadInBrowser(await context.newPage(), server.baseUrl, path);
        rows.push({ page: path, html, browser: loaded });
        // The page does load script and style: a count of zero would mean the measure is broken, not the page small.
        expect(loaded.js.length, 'scripts fetched').toBeGreaterThan(0);
        expect(loaded.css.length, 'stylesheets fetched').toBeGreaterThan(0);
        const js = Math.max(html.gzip.js, loaded.gzip.js);
        const css = Math.max(html.gzip.css, loaded.gzip.css);
        expect(js, `${path}: first-load script, gzip bytes (${loaded.js.join(', ')})`).toBeLessThanOrEqual(budget.js);
        expect(css, `${path}: first-load CSS, gzip bytes (${loaded.css.join(', ')})`).toBeLessThanOrEqual(budget.css);
      } finally {
        await context.close();
      }
    });
  }
});
