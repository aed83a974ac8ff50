import type { Browser, BrowserContext, Locator, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Generation, GenerationPage } from '../../src/contracts/api.js';
import { signedInViaApi } from './helpers/api-user.js';
import { desktop, launchBrowser } from './helpers/browser.js';
import { type RunningServer, startServer } from './helpers/server.js';
import { eventually } from './helpers/ui.js';

/**
 * What an opted-in user sees of the image check: a mature image blurred
 * until they choose to show it (by click or keyboard, one image at a time),
 * a held image as an "In review" placeholder rather than a broken picture,
 * and a report that reaches the operators' queue with a thank-you.
 *
 * The simulator's placeholder pictures are never explicit, so the answers for
 * one finished generation are marked here, as the server marks them for a
 * flagged result (`mature: true` on its images, one more image in review);
 * the image files and the report go to the real server.
 */

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let cookie = '';
let generation: Generation;
/** A second generation whose only image the check is holding. */
let heldId = '';

async function generated(prompt: string, count: number): Promise<Generation> {
  const { id } = await api<Generation>('POST', '/api/generations', { prompt, model: 'nano-banana', aspectRatio: '1:1', count });
  for (let tries = 0; ; tries++) {
    const g = await api<Generation>('GET', `/api/generations/${id}`);
    if (g.status === 'succeeded') return g;
    if (tries > 200) throw new Error(`generation ${id} did not succeed: ${g.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function api<T>(method: string, path: string, body?: object): Promise<T> {
  const res = await fetch(`${server.baseUrl}${path}`, {
    method,
    headers: { cookie, origin: server.baseUrl, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

/** The generations as the server answers them for a result the check found explicit (plus one held image), and one all held. */
function flagged(g: Generation): Generation {
  if (g.id === generation.id) return { ...g, images: g.images.map((i) => ({ ...i, mature: true })), inReview: 1 };
  if (g.id === heldId) return { ...g, images: [], inReview: 1, imageUrl: null, thumbnailUrl: null };
  return g;
}

async function markFlagged(route: Route): Promise<void> {
  const response = await route.fetch();
  const body = (await response.json()) as Generation | GenerationPage;
  const json = 'items' in body ? { ...body, items: body.items.map(flagged) } : flagged(body);
  await route.fulfill({ response, json });
}

const filterOf = (image: Locator) => image.evaluate((el) => getComputedStyle(el).filter);
/** Whether the image is drawn blurred, once any transition has settled. */
const blurred = async (image: Locator) => /blur/.test(await filterOf(image));

beforeAll(async () => {
  server = await startServer({ SIMULATOR_DELAY_MS: '200' });
  browser = await launchBrowser();
  context = await browser.newContext({ baseURL: server.baseUrl, viewport: desktop, locale: 'en-US' });
  page = await context.newPage();
  cookie = (await signedInViaApi(server.baseUrl, context, 'mature')).cookie;
  await api('PATCH', '/api/me/content', { mature: true, confirmAdult: true });
  heldId = (await generated('a paper crane over a river', 1)).id;
  generation = await generated('a fox spirit in a lantern-lit shrine', 2);
  // The gallery's pages and these generations; the live event stream passes untouched.
  const answers = new Set(['/api/generations', `/api/generations/${generation.id}`, `/api/generations/${heldId}`]);
  await page.route((url) => answers.has(url.pathname), markFlagged);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('mature and held images', () => {
  it('blurs a mature tile in the gallery until it is clicked, and counts the image in review', async () => {
    await page.goto('/gallery');
    const tile = page.locator(`li:has([data-id="${generation.id}"])`);
    const image = tile.getByTestId('gallery-image');
    await image.waitFor();
    expect(await blurred(image)).toBe(true);
    expect(await image.getAttribute('alt')).toMatch(/hidden mature image/i);
    expect(await tile.getByTestId('in-review-count').textContent()).toContain('In review: 1');

    await tile.getByRole('button', { name: 'Mature — click to show' }).click();
    await eventually(() => blurred(image), false);
    // The reveal did not open the generation; the next click does.
    expect(new URL(page.url()).pathname).toBe('/gallery');
    expect(await image.getAttribute('alt')).toContain('fox spirit');
  });

  it('on the image page: blurred until shown (per image, by keyboard too), and the held image is a placeholder', async () => {
    await page.goto(`/g/${generation.id}`);
    const stage = page.getByTestId('detail-image');
    await stage.waitFor();
    expect(await blurred(stage)).toBe(true);
    expect(await page.getByTestId('open-lightbox').isDisabled()).toBe(true);

    const held = page.getByTestId('in-review-tile');
    expect(await held.count()).toBe(1);
    expect(await held.textContent()).toBe('In review — this image is being checked and will appear if it is allowed');
    // Nothing on the page points at an image that is not there.
    const broken = await page.locator('img').evaluateAll((imgs) => imgs.filter((i) => !(i as HTMLImageElement).src).length);
    expect(broken).toBe(0);

    await page.getByRole('button', { name: 'Mature — click to show' }).click();
    await eventually(() => blurred(stage), false);
    expect(await page.getByTestId('open-lightbox').isDisabled()).toBe(false);

    // The second image of the batch is still hidden; Enter on its cover shows it.
    await page.getByRole('button', { name: 'Image 2' }).click();
    await eventually(() => blurred(stage), true);
    const cover = page.getByRole('button', { name: 'Mature — click to show' });
    await cover.focus();
    await page.keyboard.press('Enter');
    await cover.waitFor({ state: 'detached' });
    await eventually(() => blurred(stage), false);
  });

  it('shows a generation whose only image is held as "In review", in the gallery and on its page', async () => {
    await page.goto('/gallery');
    const tile = page.locator(`li:has([data-id="${heldId}"])`);
    await tile.getByTestId('in-review-placeholder').waitFor();
    expect(await tile.locator('img').count()).toBe(0);

    await page.goto(`/g/${heldId}`);
    await page.getByTestId('in-review-placeholder').waitFor();
    expect(await page.getByTestId('in-review-placeholder').textContent()).toContain('In review — this image is being checked');
    expect(await page.getByTestId('detail-image').count()).toBe(0);
    expect(await page.getByTestId('report-image').count()).toBe(0);
  });

  it('reports the image to the operators and thanks the user', async () => {
    await page.goto(`/g/${generation.id}`);
    await page.getByTestId('report-image').click();
    const send = page.getByTestId('send-report');
    expect(await send.isDisabled()).toBe(true);
    await page.getByTestId('report-reason').fill('This is not what I asked for.');
    const [request] = await Promise.all([
      page.waitForResponse((r) => /\/api\/images\/[^/]+\/report$/.test(r.url()) && r.request().method() === 'POST'),
      send.click(),
    ]);
    expect(request.status()).toBe(204);
    expect(request.url()).toContain(`/api/images/${generation.images[0]?.id}/report`);
    expect(request.request().postDataJSON()).toEqual({ reason: 'This is not what I asked for.' });
    await page.getByText('Thanks — an operator will look at it').waitFor();
  });
});
