import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInViaApi } from './helpers/api-user.js';
import { desktop, launchBrowser } from './helpers/browser.js';
import { type RunningServer, startServer } from './helpers/server.js';

/** The lineage on the detail page: an image, then an upscale of it; each page shows the other, with a thumbnail and a link. */

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let cookie = '';

interface Made {
  id: string;
  images: { id: string; thumbnailUrl: string }[];
}

async function finished(body: Record<string, unknown>): Promise<Made> {
  const headers = { cookie, origin: server.baseUrl, 'content-type': 'application/json' };
  const res = await fetch(`${server.baseUrl}/api/generations`, { method: 'POST', headers, body: JSON.stringify(body) });
  if (res.status !== 202) throw new Error(`submit: ${res.status} ${await res.text()}`);
  const { id } = (await res.json()) as { id: string };
  for (let i = 0; i < 300; i++) {
    const g = (await (await fetch(`${server.baseUrl}/api/generations/${id}`, { headers })).json()) as Made & { status: string };
    if (g.status === 'succeeded') return g;
    if (g.status === 'failed') throw new Error(`generation ${id} failed`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`generation ${id} did not finish`);
}

beforeAll(async () => {
  server = await startServer({ SIMULATOR_DELAY_MS: '100', SIGNUP_CREDITS: '100' });
  browser = await launchBrowser();
  context = await browser.newContext({ baseURL: server.baseUrl, viewport: desktop });
  page = await context.newPage();
  ({ cookie } = await signedInViaApi(server.baseUrl, context, 'lineage'));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('lineage on the detail page', () => {
  it('links an image and its upscale both ways, with thumbnails and the tool named', async () => {
    const source = await finished({ prompt: 'a shrine maiden at dusk', model: 'nano-banana', aspectRatio: '3:4' });
    await page.goto(`/g/${source.id}`);
    await page.getByTestId('detail-prompt').waitFor();
    // A generation with no relatives shows no lineage at all.
    expect(await page.getByTestId('lineage').count()).toBe(0);

    const upscaled = await finished({ tool: 'upscale', model: 'topaz-upscale', sourceImageId: source.images[0]!.id, factor: 2 });
    // The source's page learns of the new version from the live events, without a reload.
    const down = page.getByTestId('lineage-descendants').locator(`[data-testid="lineage-node"][data-id="${upscaled.id}"]`);
    await down.waitFor({ timeout: 20_000 });
    expect(await down.textContent()).toContain('Upscale');
    expect(await down.locator('img').getAttribute('src')).toBe(upscaled.images[0]!.thumbnailUrl);
    await expect.poll(() => down.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

    await down.click();
    await page.waitForURL(`**/g/${upscaled.id}`);
    const up = page.getByTestId('lineage-ancestors').locator(`[data-testid="lineage-node"][data-id="${source.id}"]`);
    await up.waitFor();
    expect(await up.textContent()).toContain('Text prompt');
    expect(await up.locator('img').getAttribute('src')).toBe(source.images[0]!.thumbnailUrl);
    await expect.poll(() => up.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    expect(await page.getByTestId('lineage-descendants').count()).toBe(0);

    await up.click();
    await page.waitForURL(`**/g/${source.id}`);
    await down.waitFor();
  });
});
