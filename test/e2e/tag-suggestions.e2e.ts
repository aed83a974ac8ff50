import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInViaApi } from './helpers/api-user.js';
import { desktop, launchBrowser } from './helpers/browser.js';
import { type RunningServer, startServer } from './helpers/server.js';

/**
 * Tag suggestions in the prompt box: typing a tag offers tags from the
 * shipped list, chosen with the keyboard and inserted with the commas right;
 * Japanese finds the English tag; the list covers the page without moving it.
 */

let server: RunningServer;
let browser: Browser;
let page: Page;

const prompt = () => page.getByTestId('prompt-input');
const list = () => page.getByTestId('tag-suggestions');
const options = () => page.getByTestId('tag-suggestion');
const selected = () => page.locator('[data-testid="tag-suggestion"][aria-selected="true"]');
/** Waits until the first suggestion shows `text` (the list answers as typing pauses). */
const firstSuggestionShows = (text: string) => expect.poll(() => options().first().textContent()).toContain(text);

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const context = await browser.newContext({ baseURL: server.baseUrl, viewport: desktop });
  page = await context.newPage();
  await signedInViaApi(server.baseUrl, context, 'tags');
  await page.goto('/create');
  await prompt().waitFor();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('tag suggestions', () => {
  it('suggest tags for a typed prefix; arrows choose, Enter inserts with a comma after', async () => {
    const below = page.getByTestId('submit-generation');
    const before = await below.boundingBox();
    await prompt().click();
    await page.keyboard.type('1girl, long h');
    await firstSuggestionShows('long hair');
    // The list lies over the page: nothing under the prompt moved.
    expect(await below.boundingBox()).toEqual(before);
    // Which option is current is announced through the textarea.
    const activeId = await prompt().getAttribute('aria-activedescendant');
    expect(await selected().getAttribute('id')).toBe(activeId);

    await page.keyboard.press('ArrowDown');
    const second = await options().nth(1).textContent();
    expect(await selected().textContent()).toBe(second);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await expect.poll(() => prompt().inputValue()).toBe('1girl, long hair, ');
    await list().waitFor({ state: 'hidden' });
    // The caret is after the comma, ready for the next tag.
    await page.keyboard.type('smi');
    await firstSuggestionShows('smile');
    await page.keyboard.press('Tab');
    await expect.poll(() => prompt().inputValue()).toBe('1girl, long hair, smile, ');
  });

  it('has no serious accessibility problem while the list is open, and Escape closes it', async () => {
    await page.keyboard.type('blue e');
    await firstSuggestionShows('blue eyes');
    const { violations } = await new AxeBuilder({ page }).analyze();
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await page.keyboard.press('Escape');
    await list().waitFor({ state: 'hidden' });
    await expect.poll(() => prompt().inputValue()).toBe('1girl, long hair, smile, blue e');
  });

  it('stays closed for a pasted or filled-in prompt, so the form is not covered; typing opens it', async () => {
    await prompt().fill('A fox spirit in the snow, long h');
    // Longer than an answer takes (the debounce is 120 ms; the other tests see lists well within this).
    await page.waitForTimeout(1500);
    expect(await list().count()).toBe(0);
    await page.keyboard.type('a');
    await firstSuggestionShows('long hair');
    await page.keyboard.press('Escape');
  });

  it('finds long hair from Japanese (長髪, ロングヘア)', async () => {
    for (const typed of ['長髪', 'ロングヘア']) {
      await prompt().fill('');
      await prompt().focus();
      // What an input method commits: the whole word at once.
      await page.keyboard.insertText(typed);
      await firstSuggestionShows(typed);
      expect(await options().first().textContent()).toContain('long hair');
      await page.keyboard.press('Enter');
      await expect.poll(() => prompt().inputValue()).toBe('long hair, ');
    }
  });
});
