import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInViaApi } from './helpers/api-user.js';
import { desktop, launchBrowser } from './helpers/browser.js';
import { type RunningServer, startServer } from './helpers/server.js';
import { balance, eventually, generate, waitForBalance } from './helpers/ui.js';

/**
 * Create shows the server's quote before anything is sent, and a generation
 * still waiting in the queue can be canceled from its page: after a
 * confirmation it shows as canceled and the balance is whole again.
 */

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  // One job at a time: a generation that never finishes keeps the next one waiting in the queue.
  server = await startServer({ WORKER_CONCURRENCY: '1' });
  browser = await launchBrowser();
  context = await browser.newContext({ baseURL: server.baseUrl, viewport: desktop });
  page = await context.newPage();
  await signedInViaApi(server.baseUrl, context, 'cancel');
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('cancel a queued generation', () => {
  it('quotes the charge on Create, then cancels a waiting generation with a full refund', async () => {
    await page.goto('/create');
    await page.getByTestId('prompt-input').fill('a paper crane over the river');
    // The figure the server quotes for exactly this request, before submitting.
    const quote = page.locator('[data-testid="cost"][data-quoted="true"]');
    await quote.waitFor();
    const quoted = Number(((await quote.textContent()) ?? '').replace(/[^\d]/g, ''));
    expect(quoted).toBeGreaterThan(0);
    const start = await balance(page);

    await generate(page, 'keeps the worker busy [sim:never]');
    const id = await generate(page, 'a paper crane over the river');
    await waitForBalance(page, start - quoted * 2);

    await page.goto(`/g/${id}`);
    const badge = page.getByTestId('status-badge');
    await eventually(() => badge.getAttribute('data-status'), 'queued');
    // As on a slow network: the cancel's answer arrives after the live event that brought the refunded balance.
    await page.route('**/api/generations/*/cancel', async (route) => {
      const response = await route.fetch();
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.fulfill({ response });
    });
    await page.getByTestId('cancel-generation').click();
    await page.getByTestId('confirm-cancel-generation').click();

    await page.getByText(`Canceled. ${quoted} credit`).first().waitFor();
    await eventually(() => badge.getAttribute('data-status'), 'canceled');
    await page.getByTestId('canceled-stage').waitFor();
    expect(await page.getByTestId('cancel-generation').count()).toBe(0);
    // Only the generation that is still running is paid for.
    await waitForBalance(page, start - quoted);
    await page.reload();
    await eventually(() => page.getByTestId('status-badge').getAttribute('data-status'), 'canceled');
    expect(await balance(page)).toBe(start - quoted);
  });
});
