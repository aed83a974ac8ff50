import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInViaApi } from './helpers/api-user.js';
import { seriousViolations } from './helpers/axe.js';
import { desktop, launchBrowser } from './helpers/browser.js';
import { type RunningServer, startServer } from './helpers/server.js';
import { eventually, galleryItem } from './helpers/ui.js';

/**
 * The gallery as a workspace, as a user works it: mark an image a favourite
 * with the heart, narrow the gallery to favourites, make an album, put the
 * image in it from the image page, open the album, and find an image by a
 * word of its prompt. Accessible throughout.
 */

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

/** Queues a generation through the API (the browser's session) and waits until it has succeeded. */
async function givenGeneration(prompt: string): Promise<string> {
  const res = await context.request.post('/api/generations', {
    data: { prompt, model: 'nano-banana', aspectRatio: '1:1' },
    headers: { origin: server.baseUrl },
  });
  expect(res.status()).toBe(202);
  const { id } = (await res.json()) as { id: string };
  await eventually(
    async () => ((await (await context.request.get(`/api/generations/${id}`)).json()) as { status: string }).status,
    'succeeded',
  );
  return id;
}

const shownIds = () => page.getByTestId('gallery-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));

beforeAll(async () => {
  server = await startServer({ SIMULATOR_DELAY_MS: '100' });
  browser = await launchBrowser();
  context = await browser.newContext({ baseURL: server.baseUrl, viewport: desktop });
  page = await context.newPage();
  await signedInViaApi(server.baseUrl, context, 'workspace');
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the gallery as a workspace', () => {
  it('favourites, filters, albums and search', async () => {
    const fox = await givenGeneration('a fox girl reading under cherry blossoms');
    const city = await givenGeneration('a neon city street at night in the rain');
    await page.goto('/gallery');
    await galleryItem(page, fox).waitFor();
    await eventually(shownIds, [city, fox]);

    // The heart on the fox's tile: pressed, and it stays pressed after a reload.
    const heart = page.locator('li', { has: galleryItem(page, fox) }).getByTestId('favourite-toggle');
    await expect(heart.getAttribute('aria-pressed')).resolves.toBe('false');
    await heart.click();
    await eventually(() => heart.getAttribute('aria-pressed'), 'true');
    await page.reload();
    await eventually(
      () =>
        page
          .locator('li', { has: galleryItem(page, fox) })
          .getByTestId('favourite-toggle')
          .getAttribute('aria-pressed'),
      'true',
    );

    // Favourites only.
    // Checked at once (the address bar's navigation renders after it).
    await page.getByTestId('favourites-only').check();
    await eventually(shownIds, [fox]);
    expect(page.url()).toContain('favourite=1');
    await page.getByTestId('favourites-only').uncheck();
    await eventually(shownIds, [city, fox]);

    // A new album, then the city image into it from its own page.
    await page.getByTestId('new-album-name').fill('Night walks');
    await page.getByTestId('create-album').click();
    await page.getByTestId('album-card').filter({ hasText: 'Night walks' }).waitFor();
    await galleryItem(page, city).click();
    await page.getByTestId('image-workspace').waitFor();
    await page.getByTestId('add-to-album-select').selectOption({ label: 'Night walks' });
    await page.getByTestId('add-to-album').click();
    await page.getByText('Added to Night walks').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // Open the album from the gallery: only the city, and the card counts one image.
    await page.goto('/gallery');
    const card = page.getByTestId('album-card').filter({ hasText: 'Night walks' });
    await eventually(async () => (await card.textContent())?.includes('1 image') ?? false, true);
    await card.getByTestId('open-album').click();
    await eventually(shownIds, [city]);
    await page.getByTestId('set-cover').click();
    await eventually(async () => (await card.locator('img').count()) > 0, true);

    // Search by a word of the prompt, from a fresh gallery.
    await page.goto('/gallery');
    await page.getByTestId('gallery-search').fill('blossoms');
    await page.getByTestId('gallery-search').press('Enter');
    await eventually(shownIds, [fox]);
    expect(page.url()).toContain('q=blossoms');
    await page.getByTestId('gallery-search').fill('dragon');
    await page.getByTestId('gallery-search').press('Enter');
    await page.getByText('No matches').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });
});
