import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInViaApi } from './helpers/api-user.js';
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

describe('the signed-in screens name what they fetch first', () => {
  for (const path of ['/create', '/gallery']) {
    it(`${path}: every API answer its page preloads is used, none fetched twice, none asked for late`, async () => {
      const context = await browser.newContext({ viewport: phone, isMobile: true, hasTouch: true });
      try {
        await signedInViaApi(server.baseUrl, context, `shell${path.slice(1)}`);
        const page = await context.newPage();
        const warnings: string[] = [];
        page.on('console', (m) => {
          if (m.type() === 'warning' || m.type() === 'error') warnings.push(m.text());
        });
        // Every Create form frame the page ever held: the HTML's, and another if the app drew one while loading.
        await page.addInitScript(() => {
          const frames = new Set<Element>();
          (window as unknown as { formFrames: Set<Element> }).formFrames = frames;
          new MutationObserver(() => {
            for (const frame of document.querySelectorAll('[data-testid="form-frame"]')) frames.add(frame);
          }).observe(document, { childList: true, subtree: true });
        });
        const response = await page.goto(server.baseUrl + path);
        const preloaded = [...((await response?.text()) ?? '').matchAll(/<link rel="preload" href="([^"]+)" as="fetch"/g)].map((m) => m[1]);
        expect(preloaded, 'the page names its first API answers').toContain('/api/me');
        await page.waitForLoadState('networkidle');
        // Chromium warns about a preload not used within seconds of load: wait that out.
        await page.waitForTimeout(3500);
        const api = await page.evaluate(() =>
          performance
            .getEntriesByType('resource')
            .map((e) => ({ url: e.name.replace(location.origin, ''), by: (e as PerformanceResourceTiming).initiatorType }))
            .filter((e) => e.url.startsWith('/api/') && !e.url.startsWith('/api/generations/events')),
        );
        for (const url of preloaded) {
          expect(
            api.filter((e) => e.url === url),
            `${url} fetched once, by the preload`,
          ).toEqual([{ url, by: 'link' }]);
        }
        // What the screen asked for on its own came after its script: each is a round trip the page could name.
        const late = api.filter((e) => !preloaded.includes(e.url)).map((e) => e.url);
        expect(late, 'API answers the screen fetched without a preload').toEqual([]);
        expect(warnings.filter((w) => /preload/i.test(w))).toEqual([]);
        if (path === '/create') {
          await page
            .getByRole('button', { name: /^generate/i })
            .first()
            .waitFor();
          // The answers were in the cache before the first render: the form replaced the page's frame at once, not after drawing it again.
          expect(await page.evaluate(() => (window as unknown as { formFrames: Set<Element> }).formFrames.size)).toBe(1);
        }
      } finally {
        await context.close();
      }
    });
  }
});
