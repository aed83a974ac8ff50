import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInViaApi } from './helpers/api-user.js';
import { desktop, launchBrowser, phone } from './helpers/browser.js';
import { type RunningServer, startServer } from './helpers/server.js';
import { eventually } from './helpers/ui.js';

/**
 * Create shows only the controls the chosen model takes and keeps the others'
 * values for when the user switches back; a locked seed repeats, the image
 * page names the settings used, and Re-roll / Variations start new seeds.
 */

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let cookie = '';

const pickModel = (name: string) => page.getByTestId('model-option').filter({ hasText: name }).first().click();
const api = async (path: string) => (await fetch(`${server.baseUrl}${path}`, { headers: { cookie } })).json();
type Item = { id: string; seed: number | null; steps: number | null; status: string; model: string; count: number };
const generations = async () => ((await api('/api/generations')) as { items: Item[] }).items;

beforeAll(async () => {
  server = await startServer({ SIMULATOR_DELAY_MS: '100' });
  browser = await launchBrowser();
  context = await browser.newContext({ baseURL: server.baseUrl, viewport: desktop });
  page = await context.newPage();
  cookie = (await signedInViaApi(server.baseUrl, context, 'controls')).cookie;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('model controls on Create', () => {
  it('folds the sampling settings away on a phone until wanted, saying what is set, and keeps them open once used', async () => {
    const phoneContext = await browser.newContext({ baseURL: server.baseUrl, viewport: phone });
    try {
      const onPhone = await phoneContext.newPage();
      await signedInViaApi(server.baseUrl, phoneContext, 'controls-phone');
      await onPhone.goto('/create');
      await onPhone.getByTestId('model-option').filter({ hasText: 'Qwen Image' }).first().click();
      const summary = onPhone.getByTestId('sampling-summary');
      expect(await summary.textContent()).toBe('Random seed, the model’s defaults');
      expect(await onPhone.getByTestId('steps-input').isVisible()).toBe(false);

      await summary.click();
      await onPhone.getByTestId('steps-input').fill('40');
      await onPhone.getByTestId('seed-input').fill('77');
      expect(await summary.textContent()).toBe('Seed 77 · Steps 40');
      await onPhone.reload();
      await onPhone.getByTestId('steps-input').waitFor();
      expect(await onPhone.getByTestId('steps-input').inputValue()).toBe('40');
    } finally {
      await phoneContext.close();
    }
  });

  it('shows seed and steps only for a model that takes them, and keeps their values across a switch', async () => {
    await page.goto('/create');
    await pickModel('Nano Banana 2');
    expect(await page.getByTestId('seed-input').count()).toBe(0);
    expect(await page.getByTestId('negative-prompt-input').count()).toBe(0);

    await pickModel('Qwen Image');
    await page.getByTestId('seed-input').fill('4242');
    await page.getByTestId('steps-input').fill('40');
    await page.getByTestId('negative-prompt-input').fill('blurry');
    // Out of the model's range: said at once, and Generate waits until it fits.
    await page.getByTestId('guidance-input').fill('25');
    await page.getByText('Use a value from 0 to 20.').waitFor();
    await page.getByTestId('prompt-input').fill('a shrine maiden at dawn');
    expect(await page.getByTestId('submit-generation').isDisabled()).toBe(true);
    await page.getByTestId('guidance-input').fill('');

    await pickModel('Nano Banana 2');
    expect(await page.getByTestId('steps-input').count()).toBe(0);
    await pickModel('Qwen Image');
    expect(await page.getByTestId('seed-input').inputValue()).toBe('4242');
    expect(await page.getByTestId('steps-input').inputValue()).toBe('40');
    expect(await page.getByTestId('negative-prompt-input').inputValue()).toBe('blurry');
  });

  it('uses a locked seed again and clears an unlocked one after generating', async () => {
    await page.getByTestId('seed-lock').click();
    expect(await page.getByTestId('seed-lock').getAttribute('aria-pressed')).toBe('true');
    await page.getByTestId('submit-generation').click();
    await eventually(async () => (await generations()).length, 1);
    expect(await page.getByTestId('seed-input').inputValue()).toBe('4242');
    expect((await generations())[0]).toMatchObject({ seed: 4242, steps: 40, model: 'qwen-image' });

    await page.getByTestId('seed-lock').click();
    await page.getByTestId('submit-generation').click();
    await eventually(async () => (await generations()).length, 2);
    await eventually(async () => await page.getByTestId('seed-input').inputValue(), '');
    // A reload finds the settings where they were.
    await page.reload();
    expect(await page.getByTestId('steps-input').inputValue()).toBe('40');
  });

  it('names the settings on the image page; Re-roll repeats them with a new seed; a model without seeds says so', async () => {
    const [latest] = await generations();
    await page.goto(`/g/${latest!.id}`);
    await eventually(async () => await page.getByTestId('detail-seed').textContent(), '4242');
    await page.getByText('Steps').first().waitFor();
    await page.getByTestId('reroll').click();
    await page.waitForURL((url) => url.pathname.startsWith('/g/') && !url.pathname.endsWith(latest!.id));
    const all = await generations();
    expect(all).toHaveLength(3);
    expect(all[0]).toMatchObject({ model: 'qwen-image', steps: 40, count: latest!.count });
    expect(all[0]!.seed).not.toBe(4242);

    await page.goto('/create');
    await pickModel('Nano Banana 2');
    await page.getByTestId('prompt-input').fill('a paper crane');
    await page.getByTestId('submit-generation').click();
    await eventually(async () => (await generations()).length, 4);
    const [plain] = await generations();
    await page.goto(`/g/${plain!.id}`);
    await eventually(async () => await page.getByTestId('detail-seed').textContent(), 'Not used by this model');
    // 4 images of Nano Banana 2 cost 16 credits, more than what is left of the 20: said before any click.
    expect(await page.getByTestId('variations').isDisabled()).toBe(true);
    expect(await page.getByTestId('variations').getAttribute('title')).toBe('Not enough credits for this.');
    await page.goto(`/g/${latest!.id}`);
    await page.getByTestId('variations').click();
    await eventually(async () => (await generations()).length, 5);
    expect((await generations())[0]).toMatchObject({ model: 'qwen-image', count: 4, steps: 40 });
  });

  it('Remix brings the seed back, locked', async () => {
    const qwen = (await generations()).find((g) => g.seed === 4242)!;
    await page.goto(`/create?remix=${qwen.id}`);
    await eventually(async () => await page.getByTestId('seed-input').inputValue(), '4242');
    expect(await page.getByTestId('seed-lock').getAttribute('aria-pressed')).toBe('true');
  });
});
