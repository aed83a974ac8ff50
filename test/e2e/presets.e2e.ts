import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInViaApi } from './helpers/api-user.js';
import { seriousViolations } from './helpers/axe.js';
import { desktop, launchBrowser, phone } from './helpers/browser.js';
import { type RunningServer, startServer } from './helpers/server.js';
import { overflowingElements } from './helpers/site.js';
import { eventually } from './helpers/ui.js';

/**
 * Presets, the prompt history and the dice on Create: a style and the quality
 * tags shape what is sent (and the user sees it first), a saved preset comes
 * back after a reload, the dice can be undone, and a prompt sent earlier can
 * be reused. Accessible, and it fits a phone.
 */

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

const prompt = () => page.getByTestId('prompt-input');
const checkedValue = (name: string) => page.locator(`input[name="${name}"]:checked`).getAttribute('value');
const openCreate = async () => {
  await page.goto('/create');
  await page.getByTestId('preset-controls').waitFor();
};
/** Submits the form and returns the body the browser sent. */
async function generate(): Promise<{ prompt: string; negativePrompt?: string; model: string; aspectRatio: string; count: number }> {
  const [request] = await Promise.all([
    page.waitForRequest((r) => r.url().endsWith('/api/generations') && r.method() === 'POST'),
    page.getByTestId('submit-generation').click(),
  ]);
  return request.postDataJSON();
}

/** Saves the form as a preset under `name` and waits until it shows as chosen. */
async function savePreset(name: string): Promise<void> {
  await page.getByTestId('save-preset').click();
  await page.getByTestId('preset-name-input').fill(name);
  await page.getByTestId('preset-name-confirm').click();
  await eventually(async () => (await page.getByTestId('user-preset-select').locator('option:checked').textContent()) ?? '', name);
}

beforeAll(async () => {
  server = await startServer({ SIMULATOR_DELAY_MS: '200' });
  browser = await launchBrowser();
  context = await browser.newContext({ baseURL: server.baseUrl, viewport: desktop });
  page = await context.newPage();
  await signedInViaApi(server.baseUrl, context, 'presets');
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('presets, history and the dice on Create', () => {
  it('sends the prompt with the quality tags and the chosen style, as shown before sending', async () => {
    await openCreate();
    await page.getByTestId('model-option').filter({ hasText: 'Nano Banana 2' }).click();
    await prompt().fill('a fox girl reading by a window');
    await expect(page.getByTestId('composed-prompt').count()).resolves.toBe(0);
    await page.getByTestId('quality-toggle').check();
    await page.getByTestId('style-select').selectOption('cel-shading');
    const shown = (await page.getByTestId('composed-prompt').textContent()) ?? '';
    expect(shown).toMatch(/^A high-quality, finely detailed anime illustration, a fox girl reading by a window, .*cel-shaded/);

    const sent = await generate();
    expect(sent.prompt).toBe(shown);
    // What the user typed stays as typed; the presets stay chosen for the next one.
    expect(await prompt().inputValue()).toBe('a fox girl reading by a window');
    expect(await page.getByTestId('quality-toggle').isChecked()).toBe(true);
    await page
      .getByText(/Queued!/)
      .first()
      .waitFor();
  });

  it('rolls a random prompt, and Undo puts the user’s words back', async () => {
    await openCreate();
    await prompt().fill('my own words');
    await page.getByTestId('dice').click();
    const rolled = await prompt().inputValue();
    expect(rolled).not.toBe('my own words');
    expect(rolled.split(' ').length).toBeGreaterThan(8);
    await page.getByTestId('dice').click();
    expect(await prompt().inputValue()).not.toBe('');
    await page.getByTestId('dice-undo').click();
    expect(await prompt().inputValue()).toBe('my own words');
    expect(await page.getByTestId('dice-undo').count()).toBe(0);
  });

  it('reuses a prompt from the history, found by searching, without adding the presets twice', async () => {
    await openCreate();
    await prompt().fill('something else entirely');
    await page.getByTestId('prompt-history').locator('summary').click();
    await page.getByTestId('history-search').fill('FOX GIRL');
    await eventually(() => page.getByTestId('history-item').count(), 1);
    const sentEarlier = (await page.getByTestId('history-item').first().locator('p').textContent()) ?? '';
    expect(sentEarlier).toMatch(/^A high-quality.*a fox girl reading by a window/);
    await page.getByTestId('history-use').first().click();
    expect(await prompt().inputValue()).toBe(sentEarlier);
    expect(await page.getByTestId('quality-toggle').isChecked()).toBe(false);
    expect(await page.getByTestId('style-select').inputValue()).toBe('');
    // Reused as sent: the model gets exactly that text again.
    expect((await generate()).prompt).toBe(await prompt().inputValue());

    await page.getByTestId('history-search').fill('nothing like this');
    await page.getByText('No prompt contains this.').waitFor();
  });

  it('saves the settings as a preset that comes back after a reload, and renames and deletes it', async () => {
    await openCreate();
    const submits: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/api/generations') && r.method() === 'POST') submits.push(r.url());
    });
    await page.getByTestId('model-option').filter({ hasText: 'Nano Banana 2' }).click();
    await page.getByTestId('aspect-16:9').click();
    await page.getByTestId('count-2').click();
    await page.getByTestId('quality-toggle').check();
    await page.getByTestId('style-select').selectOption('watercolour');
    await savePreset('Rainy watercolours');

    // Something else entirely, then a reload: the preset is on the server, the choice in the draft.
    await page
      .getByTestId('model-option')
      .filter({ hasText: /^Nano Banana(?! 2)/ })
      .click();
    await page.getByTestId('count-1').click();
    await page.getByTestId('style-select').selectOption('');
    await page.getByTestId('quality-toggle').uncheck();
    await page.getByTestId('user-preset-select').selectOption({ label: 'No preset chosen' });
    await page.reload();
    await page.getByTestId('preset-controls').waitFor();
    expect(await checkedValue('count')).toBe('1');

    await page.getByTestId('user-preset-select').selectOption({ label: 'Rainy watercolours' });
    expect(await checkedValue('model')).toBe('nano-banana-2');
    expect(await checkedValue('aspect')).toBe('16:9');
    expect(await checkedValue('count')).toBe('2');
    expect(await page.getByTestId('quality-toggle').isChecked()).toBe(true);
    expect(await page.getByTestId('style-select').inputValue()).toBe('watercolour');
    await page.reload();
    await page.getByTestId('preset-controls').waitFor();
    expect(await page.getByTestId('user-preset-select').inputValue()).not.toBe('');

    await page.getByTestId('rename-preset').click();
    await page.getByTestId('preset-name-input').fill('Watercolour rain');
    await page.getByTestId('preset-name-input').press('Enter');
    await eventually(
      async () => (await page.getByTestId('user-preset-select').locator('option:checked').textContent()) ?? '',
      'Watercolour rain',
    );
    await page.getByTestId('delete-preset').click();
    await page.getByTestId('confirm-delete-preset').click();
    await eventually(() => page.getByTestId('user-preset-select').locator('option').count(), 1);
    // Enter in the name field and the buttons here worked on the preset only: nothing was sent to generate.
    expect(submits).toEqual([]);
  });

  it('keeps the model’s steps and guidance in a preset, and applying it puts them back', async () => {
    await openCreate();
    await page.getByTestId('model-option').filter({ hasText: 'Qwen Image' }).click();
    await page.getByTestId('steps-input').fill('34');
    await page.getByTestId('guidance-input').fill('6.5');
    await savePreset('Qwen, slow and strict');

    await page.getByTestId('steps-input').fill('12');
    await page.getByTestId('guidance-input').fill('');
    await page.getByTestId('user-preset-select').selectOption({ label: 'No preset chosen' });
    await page.getByTestId('user-preset-select').selectOption({ label: 'Qwen, slow and strict' });
    expect(await page.getByTestId('steps-input').inputValue()).toBe('34');
    expect(await page.getByTestId('guidance-input').inputValue()).toBe('6.5');
    await prompt().fill('a lantern festival by the river');
    expect(await generate()).toMatchObject({ model: 'qwen-image', steps: 34, guidance: 6.5 });
  });

  it('has no serious accessibility violation with everything open, and fits a 390 px phone', async () => {
    await openCreate();
    await page.getByTestId('quality-toggle').check();
    await page.getByTestId('prompt-history').locator('summary').click();
    await page.getByTestId('history-item').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.setViewportSize(phone);
    await page.getByTestId('save-preset').click();
    const o = await overflowingElements(page);
    expect(o.culprits, `${o.scrollWidth} px wide on ${o.width} px`).toEqual([]);
    expect(o.scrollWidth).toBeLessThanOrEqual(o.width);
    expect(await seriousViolations(page)).toEqual([]);
  });
});
