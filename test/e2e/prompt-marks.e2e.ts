import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultModels } from '../../src/generation/index.js';
import { signedInViaApi } from './helpers/api-user.js';
import { desktop, launchBrowser } from './helpers/browser.js';
import { type RunningServer, startServer } from './helpers/server.js';
import { eventually } from './helpers/ui.js';

/**
 * The prompt box marks weights (stronger, weaker) on every model, and tags
 * the list does not know on models that read tags, in the box itself.
 */

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

/** A tag-reading model next to the defaults (the built-in catalog has none). */
const tagModel = { ...defaultModels.find((m) => m.id === 'qwen-image')!, id: 'qwen-tags', name: 'Qwen with tags', family: 'sdxl' };
const marked = (kind: string) =>
  page.locator(`[data-testid="prompt-marks"] mark[data-mark="${kind}"]`).evaluateAll((els) => els.map((e) => e.textContent));

beforeAll(async () => {
  server = await startServer({ MODELS_JSON: JSON.stringify([...defaultModels, tagModel]) });
  browser = await launchBrowser();
  context = await browser.newContext({ baseURL: server.baseUrl, viewport: desktop });
  page = await context.newPage();
  await signedInViaApi(server.baseUrl, context, 'marks');
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('marks in the prompt box', () => {
  it('marks weights on a sentence model, and no tag as unknown', async () => {
    await page.goto('/create');
    await page.getByTestId('model-option').filter({ hasText: 'Nano Banana 2' }).click();
    await page.getByTestId('prompt-input').fill('1girl, (smile:1.3), [hat], sliver hair');
    await eventually(() => marked('up'), ['smile']);
    expect(await marked('down')).toEqual(['hat']);
    await page.waitForTimeout(800);
    expect(await marked('unknown')).toEqual([]);
  });

  it('marks a tag the list does not know on a model that reads tags, and unmarks it once fixed', async () => {
    await page.getByTestId('model-option').filter({ hasText: 'Qwen with tags' }).click();
    await eventually(() => marked('unknown'), ['sliver hair']);
    await page.getByTestId('prompt-input').fill('1girl, (smile:1.3), [hat], silver hair');
    await eventually(() => marked('unknown'), []);
    // The marks sit exactly under the text: the box and its backdrop wrap lines at the same width.
    const widths = await page.evaluate(() => {
      const box = document.querySelector('[data-testid="prompt-input"]') as HTMLTextAreaElement;
      const back = document.querySelector('[data-testid="prompt-marks"]') as HTMLElement;
      return [box.clientWidth, back.clientWidth];
    });
    expect(widths[0]).toBe(widths[1]);
  });
});
