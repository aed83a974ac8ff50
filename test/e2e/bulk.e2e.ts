import { execFileSync } from 'node:child_process';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInViaApi } from './helpers/api-user.js';
import { desktop, launchBrowser } from './helpers/browser.js';
import { type RunningServer, startServer } from './helpers/server.js';

/** Select mode in the gallery: pick two generations, download them as one ZIP, then delete both into the trash. */

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let ids: string[] = [];

async function finishedGeneration(cookie: string, prompt: string): Promise<string> {
  const headers = { cookie, origin: server.baseUrl, 'content-type': 'application/json' };
  const res = await fetch(`${server.baseUrl}/api/generations`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ prompt, model: 'nano-banana', aspectRatio: '1:1' }),
  });
  if (res.status !== 202) throw new Error(`submit: ${res.status} ${await res.text()}`);
  const { id } = (await res.json()) as { id: string };
  for (let i = 0; i < 200; i++) {
    const g = (await (await fetch(`${server.baseUrl}/api/generations/${id}`, { headers })).json()) as { status: string };
    if (g.status === 'succeeded') return id;
    if (g.status === 'failed') throw new Error(`generation ${id} failed`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`generation ${id} did not finish`);
}

beforeAll(async () => {
  server = await startServer({ TRASH_DAYS: '7' });
  browser = await launchBrowser();
  context = await browser.newContext({ baseURL: server.baseUrl, viewport: desktop, acceptDownloads: true });
  page = await context.newPage();
  const user = await signedInViaApi(server.baseUrl, context, 'bulk');
  ids = [];
  for (const prompt of ['first to zip', 'second to zip', 'left alone']) ids.push(await finishedGeneration(user.cookie, prompt));
  const album = await fetch(`${server.baseUrl}/api/albums`, {
    method: 'POST',
    headers: { cookie: user.cookie, origin: server.baseUrl, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Keepers' }),
  });
  if (album.status !== 201) throw new Error(`album: ${album.status}`);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('bulk select in the gallery', () => {
  const box = (id: string) => page.locator(`[data-testid="gallery-select"][data-id="${id}"]`);

  it('selects two generations with the keyboard and the mouse, and downloads exactly their images as a ZIP', async () => {
    await page.goto('/gallery');
    await page.getByTestId('bulk-select').click();
    await box(ids[0]!).check();
    // The checkbox is a real one: Space toggles it.
    await box(ids[1]!).focus();
    await page.keyboard.press('Space');
    expect(await page.getByTestId('bulk-count').textContent()).toBe('2 selected');
    expect(await box(ids[2]!).isChecked()).toBe(false);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('bulk-download').click()]);
    expect(download.suggestedFilename()).toMatch(/^animegen-\d{4}-\d{2}-\d{2}\.zip$/);
    const listing = execFileSync('unzip', ['-Z1', await download.path()], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .sort();
    expect(listing).toEqual([`animegen-${ids[0]!.slice(0, 8)}-1.png`, `animegen-${ids[1]!.slice(0, 8)}-1.png`].sort());
  });

  it('favourites both and puts both into an album from the toolbar; the filters then find exactly them', async () => {
    await page.getByTestId('bulk-favourite').click();
    await page.getByText('Marked 2 generations as favourites.').waitFor();
    await page.getByTestId('bulk-album').selectOption({ label: 'Keepers' });
    await page.getByText('Added 2 generations to Keepers.').waitFor();
    const found = (query: string) =>
      page.evaluate(async (q) => {
        const page = (await (await fetch(`/api/generations?${q}`)).json()) as { items: { id: string }[] };
        return page.items.map((g) => g.id).sort();
      }, query);
    const both = ids.slice(0, 2).sort();
    expect(await found('favourite=1')).toEqual(both);
    const albums = (await page.evaluate(async () => (await (await fetch('/api/albums')).json()) as { items: { id: string }[] })).items;
    expect(await found(`album=${albums[0]!.id}`)).toEqual(both);
    // Still selected, for what comes next.
    expect(await page.getByTestId('bulk-count').textContent()).toBe('2 selected');
  });

  it('deletes both after a confirmation, and they wait in the trash', async () => {
    await page.getByTestId('bulk-delete').click();
    await page.getByRole('dialog').getByText('Delete 2 generations?').waitFor();
    await page.getByTestId('confirm-bulk-delete').click();
    await page.getByText('Moved 2 generations to the trash').waitFor();
    for (const id of ids.slice(0, 2)) await page.locator(`[data-testid="gallery-item"][data-id="${id}"]`).waitFor({ state: 'detached' });
    expect(await page.getByTestId('bulk-count').textContent()).toBe('None selected');
    await page.keyboard.press('Escape');
    await page.getByTestId('bulk-bar').waitFor({ state: 'detached' });
    await page.locator(`[data-testid="gallery-item"][data-id="${ids[2]}"]`).waitFor();

    await page.getByTestId('trash-link').click();
    for (const id of ids.slice(0, 2)) await page.locator(`[data-testid="trash-item"][data-id="${id}"]`).waitFor();
    expect(await page.getByTestId('trash-item').count()).toBe(2);
  });
});
