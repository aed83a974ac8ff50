import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, queryRows } from '../../src/db/index.js';
import { signedInViaApi } from './helpers/api-user.js';
import { desktop, launchBrowser } from './helpers/browser.js';
import { type RunningServer, startServer } from './helpers/server.js';

/**
 * A gallery of 1,500 generations: tiles keep their images' shapes, only those
 * near the view are in the page, and scrolling to the bottom still loads the
 * oldest. Two real generations (a portrait and a landscape) are made through
 * the API; the rest are copies of their rows, written straight into the
 * stopped server's database (PGlite has one owner at a time).
 */

const SEEDED = 1500;
const dataDir = mkdtempSync(join(tmpdir(), 'animegen-e2e-virtual-'));
let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let cookie = '';
let oldest = '';
const real: Record<string, { id: string; width: number; height: number }> = {};

async function finished(aspectRatio: string) {
  const headers = { cookie, origin: server.baseUrl, 'content-type': 'application/json' };
  const res = await fetch(`${server.baseUrl}/api/generations`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ prompt: `a tile in ${aspectRatio}`, model: 'nano-banana', aspectRatio }),
  });
  if (res.status !== 202) throw new Error(`submit: ${res.status} ${await res.text()}`);
  const { id } = (await res.json()) as { id: string };
  for (let i = 0; i < 300; i++) {
    const g = (await (await fetch(`${server.baseUrl}/api/generations/${id}`, { headers })).json()) as {
      status: string;
      images: { width: number; height: number }[];
    };
    if (g.status === 'succeeded') return { id, width: g.images[0]!.width, height: g.images[0]!.height };
    if (g.status === 'failed') throw new Error(`generation ${id} failed`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`generation ${id} did not finish`);
}

/** SEEDED copies of the user's two real generations, alternating, each a second older than the last (all older than the real ones). */
async function seed(userEmail: string): Promise<string> {
  const database = await openDatabase({ kind: 'pglite', dataDir });
  try {
    const rows = await queryRows<{ id: string; created_at: string | Date }>(
      database.db,
      sql`
        with src as (
          select g.user_id, g.model_id, g.provider, g.provider_model, g.aspect_ratio, g.cost, i.original_key, i.thumbnail_key,
                 i.preview_key, i.content_type, i.width, i.height, i.bytes, (row_number() over (order by g.created_at) - 1)::int as k
          from generations g join generation_images i on i.generation_id = g.id
          where g.user_id = (select id from "user" where email = ${userEmail})),
        made as (
          insert into generations (id, user_id, status, prompt, model_id, provider, provider_model, aspect_ratio, count, seed, cost,
                                   deadline_at, created_at, started_at, completed_at)
          select gen_random_uuid()::text, user_id, 'succeeded', 'seeded tile ' || n, model_id, provider, provider_model, aspect_ratio, 1,
                 n, cost, t + interval '15 minutes', t, t, t
          from (select n, now() - interval '1 hour' - n * interval '1 second' as t from generate_series(1, ${SEEDED}) n) s
          join src on src.k = s.n % 2
          returning id, user_id, created_at, seed)
        insert into generation_images (id, generation_id, user_id, position, original_key, thumbnail_key, preview_key, content_type,
                                       width, height, bytes, created_at)
        select gen_random_uuid()::text, made.id, made.user_id, 0, original_key, thumbnail_key, preview_key, content_type, width, height,
               bytes, made.created_at
        from made join src on src.k = made.seed % 2
        returning generation_id as id, created_at`,
    );
    if (rows.length !== SEEDED) throw new Error(`seeded ${rows.length}`);
    return [...rows].sort((a, b) => new Date(a.created_at).getTime() - new Date(b.created_at).getTime())[0]!.id;
  } finally {
    await database.close();
  }
}

beforeAll(async () => {
  server = await startServer({ SIMULATOR_DELAY_MS: '100' }, { dataDir });
  browser = await launchBrowser();
  const signUp = await browser.newContext({ baseURL: server.baseUrl });
  const user = await signedInViaApi(server.baseUrl, signUp, 'virtual');
  await signUp.close();
  cookie = user.cookie;
  real.portrait = await finished('3:4');
  real.landscape = await finished('16:9');
  await server.stop();
  oldest = await seed(user.email);
  // Back up on a new port: the session cookie (host-wide, as cookies are) still signs the user in.
  server = await startServer({ SIMULATOR_DELAY_MS: '100' }, { dataDir });
  context = await browser.newContext({ baseURL: server.baseUrl, viewport: desktop });
  await context.addCookies(
    cookie.split('; ').map((c) => ({ name: c.slice(0, c.indexOf('=')), value: c.slice(c.indexOf('=') + 1), url: server.baseUrl })),
  );
  page = await context.newPage();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const tiles = () => page.getByTestId('gallery-item');
const tile = (id: string) => page.locator(`[data-testid="gallery-item"][data-id="${id}"]`);

describe('a gallery of thousands', () => {
  it('shows each tile in its own image’s shape', async () => {
    await page.goto('/gallery');
    for (const { id, width, height } of Object.values(real)) {
      await tile(id).waitFor();
      const box = (await tile(id).boundingBox())!;
      expect(
        Math.abs(box.width / box.height / (width / height) - 1),
        `${id}: ${box.width}×${box.height} for ${width}×${height}`,
      ).toBeLessThan(0.02);
    }
  });

  it('keeps only the tiles near the view in the page, and loads the oldest when scrolled to the bottom', async () => {
    await page.goto('/gallery');
    await tile(real.landscape!.id).waitFor();
    for (let i = 0; i < 200 && (await page.getByTestId('load-more').count()) > 0; i++) {
      const before = await page.evaluate(() => document.documentElement.scrollHeight);
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await page
        .waitForFunction((h) => document.documentElement.scrollHeight > h || !document.querySelector('[data-testid="load-more"]'), before, {
          timeout: 10_000,
        })
        .catch(() => {});
    }
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await tile(oldest).waitFor({ timeout: 10_000 });
    // Those far above are out of the page now (but the first page's, kept), as are all but a few screens' worth.
    await page.locator('[data-testid="gallery"] > li[data-index="100"]').waitFor({ state: 'detached' });
    const inPage = await tiles().count();
    expect(inPage).toBeGreaterThan(0);
    expect(inPage).toBeLessThan(150);

    // Back at the top, the oldest leave the page again.
    await page.evaluate(() => window.scrollTo(0, 0));
    await tile(oldest).waitFor({ state: 'detached' });
    await tile(real.landscape!.id).waitFor();
    expect(await tiles().count()).toBeLessThan(150);
  });

  it('moves keyboard focus through the tiles, mounting the next ones as it goes', async () => {
    await page.goto('/gallery');
    await tile(real.landscape!.id).waitFor();
    // A second page in hand first: sixty Tabs reach past the first, and on a slow machine its answer could come after them.
    // One scroll to the bottom brings it: the grid grows by its tiles (which of them are mounted depends on where the view is).
    const gridHeight = () => page.getByTestId('gallery').evaluate((ul) => ul.getBoundingClientRect().height);
    const firstPage = await gridHeight();
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await expect.poll(gridHeight, { timeout: 15_000 }).toBeGreaterThan(firstPage);
    await page.evaluate(() => window.scrollTo(0, 0));
    await tile(real.landscape!.id).waitFor();
    await tile(real.landscape!.id).focus();
    for (let i = 0; i < 60; i++) await page.keyboard.press('Tab');
    // Focus went on past the tiles first mounted and is still on a tile of the gallery, not lost to the page.
    const at = await page.evaluate(() => document.activeElement?.closest<HTMLElement>('[data-testid="gallery"] > li')?.dataset.index);
    expect(Number(at)).toBeGreaterThanOrEqual(25);
  });

  it('moves focus from Load more to the first tile it brought', async () => {
    await page.goto('/gallery');
    await tile(real.landscape!.id).waitFor();
    const loadMore = page.getByTestId('load-more');
    // Once no page is loading on its own (the button near the view at first): from here one loads only by the press.
    await expect.poll(() => loadMore.getAttribute('aria-busy'), { timeout: 15_000 }).toBeNull();
    // As a keyboard user gets there: the button in focus (which scrolls it into view, and loads nothing), then Enter.
    await loadMore.focus();
    await page.keyboard.press('Enter');
    const focusedTile = () =>
      page.evaluate(() => {
        const li = document.activeElement?.closest<HTMLElement>('[data-testid="gallery"] > li');
        return li && document.activeElement?.getAttribute('data-testid') === 'gallery-item' ? Number(li.dataset.index) : null;
      });
    // The first of the page it brought (24 a page; one more may have loaded on its own before the press).
    await expect.poll(focusedTile, { timeout: 15_000 }).not.toBeNull();
    expect([24, 48]).toContain(await focusedTile());
  });
});
