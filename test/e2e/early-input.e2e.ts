import type { Browser, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifiedUserViaApi } from './helpers/api-user.js';
import { desktop, launchBrowser } from './helpers/browser.js';
import { type RunningServer, startServer } from './helpers/server.js';
import { eventually, newUser } from './helpers/ui.js';

/**
 * A prerendered page paints before its script runs, so on a slow phone it can
 * be clicked, or its form sent, before the app has started. Neither is lost:
 * /theme.js holds them and the app replays them once hydrated. Here the app's
 * entry script is held back until the visitor has acted.
 */

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A page whose entry script (the app) arrives only when `release` is called. */
async function pageWithHeldApp(): Promise<{ page: Page; release: () => void }> {
  const context = await browser.newContext({ baseURL: server.baseUrl, viewport: desktop });
  const page = await context.newPage();
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(/\/assets\/index-[\w-]+\.js$/, async (route: Route) => {
    await released;
    await route.continue();
  });
  return { page, release };
}

describe('input before the app has started', () => {
  it('a click on the cookie notice is kept and acted on once the app runs', async () => {
    const { page, release } = await pageWithHeldApp();
    // The page is painted (DOMContentLoaded waits for the held script, so it never comes).
    await page.goto('/', { waitUntil: 'commit' });
    await page.getByTestId('cookie-notice-ok').click();
    expect(await page.evaluate(() => localStorage.getItem('animegen.notice'))).toBeNull();
    release();
    await page.getByTestId('cookie-notice').waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => localStorage.getItem('animegen.notice'))).not.toBeNull();
    await page.context().close();
  });

  it('what is typed into sign-in before the app runs stays, and signs in once it runs', async () => {
    const user = newUser('early-typing');
    await verifiedUserViaApi(server.baseUrl, user);
    const { page, release } = await pageWithHeldApp();
    await page.goto('/sign-in', { waitUntil: 'commit' });
    await page.getByLabel('E-mail').fill(user.email);
    await page.getByLabel('Password').fill(user.password);
    release();
    // The button follows what is in the fields, typed before or after the app started.
    const submit = page.getByRole('button', { name: 'Sign in', exact: true });
    await eventually(() => submit.isEnabled(), true);
    await page.getByLabel('Password').press('Enter');
    await page.waitForURL('**/create');
    await page.context().close();
  });

  it('a form sent before the app runs is sent by the app, never posted to the page', async () => {
    const user = newUser('early-submit');
    await verifiedUserViaApi(server.baseUrl, user);
    const { page, release } = await pageWithHeldApp();
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST') posts.push(new URL(r.url()).pathname);
    });
    await page.goto('/sign-in', { waitUntil: 'commit' });
    await page.getByLabel('E-mail').fill(user.email);
    await page.getByLabel('Password').fill(user.password);
    // Without its script the page cannot enable its button; a form whose button is enabled is sent with Enter.
    await page.locator('form button[type="submit"]').evaluate((b) => b.removeAttribute('disabled'));
    await page.getByLabel('Password').press('Enter');
    await page.waitForTimeout(300);
    expect(posts).toEqual([]);
    release();
    await page.waitForURL('**/create');
    expect(posts).toContain('/api/auth/sign-in/email');
    expect(posts).not.toContain('/sign-in');
    await page.context().close();
  });
});
