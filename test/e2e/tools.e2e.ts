import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInViaApi } from './helpers/api-user.js';
import { seriousViolations } from './helpers/axe.js';
import { desktop, launchBrowser, phone } from './helpers/browser.js';
import { type RunningServer, startServer } from './helpers/server.js';

/**
 * The Tools screen: from a finished generation's page to an upscale charged
 * exactly its quote; inpaint masks painted with the mouse (with undo) and
 * with touch, checked pixel by pixel in the uploaded PNG; only the tools the
 * models offer; and no serious axe findings.
 */

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let cookie: string;
let source: { generationId: string; imageId: string; width: number; height: number };

type Gen = {
  id: string;
  status: string;
  cost: number;
  maskUploadId: string | null;
  images: { id: string; width: number; height: number }[];
};

const api = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
  const res = await fetch(`${server.baseUrl}${path}`, {
    ...init,
    headers: { cookie, origin: server.baseUrl, 'content-type': 'application/json', ...init.headers },
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
};

async function finished(id: string): Promise<Gen> {
  for (let i = 0; i < 300; i++) {
    const g = await api<Gen>(`/api/generations/${id}`);
    if (g.status === 'succeeded') return g;
    if (g.status === 'failed' || g.status === 'canceled') throw new Error(`generation ${id} ${g.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`generation ${id} did not finish`);
}

const credits = async () => (await api<{ credits: number }>('/api/me')).credits;

/** The new generation's id, once the Tools screen has navigated to it. */
async function landedOn(p: Page): Promise<string> {
  await p.waitForURL(/\/g\/[0-9a-f-]{36}$/);
  return new URL(p.url()).pathname.split('/').pop()!;
}

/** The mask a generation used, as grey levels at its own size. */
async function maskOf(generationId: string) {
  const g = await api<Gen>(`/api/generations/${generationId}`);
  expect(g.maskUploadId).toBeTruthy();
  const res = await fetch(`${server.baseUrl}/api/files/uploads/${g.maskUploadId}`, { headers: { cookie } });
  expect(res.status).toBe(200);
  const { data, info } = await sharp(Buffer.from(await res.arrayBuffer()))
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return {
    width: info.width,
    height: info.height,
    at: (x: number, y: number) => data[(Math.round(y) * info.width + Math.round(x)) * info.channels]!,
  };
}

/** Opens inpaint on the source, with a prompt; `box()` brings the canvas into view and says where it is now. */
async function openInpaint(p: Page) {
  await p.goto(`/tools?image=${source.imageId}&tool=inpaint`);
  await p.getByTestId('tool-prompt').fill('a red paper lantern');
  const canvas = p.getByTestId('mask-canvas');
  await canvas.waitFor();
  return async () => {
    // Clicking or typing elsewhere may have scrolled the page: measure just before drawing.
    await canvas.scrollIntoViewIfNeeded();
    const box = (await canvas.boundingBox())!;
    /** A point given as fractions of the image → screen coordinates. */
    return (fx: number, fy: number) => ({ x: box.x + fx * box.width, y: box.y + fy * box.height });
  };
}

/** Waits for the mask's upload and the quote, submits, and returns the new generation once it succeeded. */
async function submitInpaint(p: Page): Promise<string> {
  await p.getByText('Mask ready.').waitFor();
  await p.getByTestId('tool-quote').waitFor({ state: 'attached' });
  await p.getByTestId('tool-submit').click();
  const id = await landedOn(p);
  await finished(id);
  return id;
}

beforeAll(async () => {
  server = await startServer({ SIGNUP_CREDITS: '500' });
  browser = await launchBrowser();
  context = await browser.newContext({ baseURL: server.baseUrl, viewport: desktop });
  page = await context.newPage();
  cookie = (await signedInViaApi(server.baseUrl, context, 'tools')).cookie;
  const { id } = await api<{ id: string }>('/api/generations', {
    method: 'POST',
    body: JSON.stringify({ prompt: 'a girl under cherry blossoms', model: 'nano-banana', aspectRatio: '1:1' }),
  });
  const g = await finished(id);
  const image = g.images[0]!;
  source = { generationId: id, imageId: image.id, width: image.width, height: image.height };
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('image tools in the browser', () => {
  it('offers exactly the tools the models offer, and only models offering the chosen one', async () => {
    const { models } = await api<{ models: { id: string; tools: { tool: string }[] }[] }>('/api/models');
    const offered = [...new Set(models.flatMap((m) => m.tools.map((o) => o.tool)))].sort();
    await page.goto(`/tools?image=${source.imageId}&tool=upscale`);
    await page.getByTestId('tool-picker').waitFor();
    const shown = await page.getByTestId('tool-option').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    expect([...shown].sort()).toEqual(offered);
    const modelIds = await page
      .getByTestId('tool-model')
      .locator('option')
      .evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value));
    expect(modelIds.sort()).toEqual(
      models
        .filter((m) => m.tools.some((o) => o.tool === 'upscale'))
        .map((m) => m.id)
        .sort(),
    );
    // Upscale takes no prompt and no count.
    expect(await page.getByTestId('tool-prompt').count()).toBe(0);
  });

  it('upscales ×2 from the generation page: quoted, charged exactly the quote, and the result succeeds', async () => {
    await page.goto(`/g/${source.generationId}`);
    await page.getByTestId('tool-links').locator('a[data-tool="upscale"]').click();
    await page.waitForURL(/\/tools\?image=.*tool=upscale/);
    await page.getByTestId('tool-factor').selectOption('2');
    const quote = Number(await page.getByTestId('tool-quote').getAttribute('data-cost'));
    expect(quote).toBeGreaterThan(0);
    const before = await credits();
    await page.getByTestId('tool-submit').click();
    const id = await landedOn(page);
    const g = await finished(id);
    expect(g.cost).toBe(quote);
    expect([g.images[0]!.width, g.images[0]!.height]).toEqual([source.width * 2, source.height * 2]);
    expect(await credits()).toBe(before - quote);
    await expect.poll(() => page.getByTestId('detail-tool').textContent()).toBe('Upscale ×2');
    await page.getByTestId('detail-source').waitFor();
  });

  it('inpaint with the mouse: a stroke undone is gone from the mask, the one painted after is white, far away is black', async () => {
    const measure = await openInpaint(page);
    // Painting stores nothing: the mask is uploaded once, when the tool is run.
    const uploads: string[] = [];
    const onRequest = (r: { url(): string; method(): string }) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/uploads')) uploads.push(r.url());
    };
    page.on('request', onRequest);
    const stroke = async (fy: number) => {
      const at = await measure();
      await page.mouse.move(at(0.2, fy).x, at(0.2, fy).y);
      await page.mouse.down();
      for (let i = 1; i <= 10; i++) await page.mouse.move(at(0.2 + i * 0.04, fy).x, at(0.2 + i * 0.04, fy).y);
      await page.mouse.up();
    };
    await stroke(0.3);
    // The keyboard first: Ctrl+Z undoes, Shift+Ctrl+Z redoes; then the button undoes for good.
    await page.keyboard.press('Control+z');
    expect(await page.getByTestId('mask-undo').isDisabled()).toBe(true);
    await page.keyboard.press('Shift+Control+z');
    expect(await page.getByTestId('mask-undo').isDisabled()).toBe(false);
    await page.getByTestId('mask-undo').click();
    await stroke(0.7);
    await page.getByTestId('tool-quote').waitFor({ state: 'attached' });
    expect(uploads).toHaveLength(0);
    const mask = await maskOf(await submitInpaint(page));
    page.off('request', onRequest);
    expect(uploads).toHaveLength(1);
    expect([mask.width, mask.height]).toEqual([source.width, source.height]);
    const px = (fx: number, fy: number) => mask.at(fx * (mask.width - 1), fy * (mask.height - 1));
    expect(px(0.4, 0.7)).toBeGreaterThan(240);
    expect(px(0.2, 0.7)).toBeGreaterThan(240);
    expect(px(0.4, 0.3)).toBeLessThan(10);
    expect(px(0.9, 0.1)).toBeLessThan(10);
    expect(px(0.9, 0.7)).toBeLessThan(10);
  });

  it('inpaint with touch: the finger’s stroke is white in the mask', async () => {
    const touch = await browser.newContext({ baseURL: server.baseUrl, viewport: phone, hasTouch: true, isMobile: true });
    await touch.addCookies(await context.cookies());
    const p = await touch.newPage();
    try {
      const at = await (await openInpaint(p))();
      const cdp = await touch.newCDPSession(p);
      const point = (fx: number) => ({ ...at(fx, 0.5), id: 1, radiusX: 2, radiusY: 2, force: 1 });
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [point(0.3)] });
      for (let i = 1; i <= 10; i++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [point(0.3 + i * 0.04)] });
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
      const mask = await maskOf(await submitInpaint(p));
      expect([mask.width, mask.height]).toEqual([source.width, source.height]);
      expect(mask.at(0.5 * mask.width, 0.5 * mask.height)).toBeGreaterThan(240);
      expect(mask.at(0.5 * mask.width, 0.1 * mask.height)).toBeLessThan(10);
    } finally {
      await touch.close();
    }
  });

  it('has no serious accessibility findings, with the mask editor open or not', async () => {
    await page.goto(`/tools?image=${source.imageId}&tool=inpaint`);
    await page.getByTestId('mask-canvas').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`/tools?image=${source.imageId}&tool=variations`);
    await page.getByTestId('tool-source').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto('/tools');
    await page.getByTestId('tool-upload').waitFor({ state: 'attached' });
    expect(await seriousViolations(page)).toEqual([]);
  });
});
