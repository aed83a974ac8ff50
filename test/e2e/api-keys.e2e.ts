import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInViaApi } from './helpers/api-user.js';
import { desktop, launchBrowser } from './helpers/browser.js';
import { type RunningServer, startServer } from './helpers/server.js';

/**
 * API keys from Settings: a key made there is shown once (copied), works on
 * the versioned API as a Bearer token, is listed afterwards only by its name
 * and first characters, and stops working when revoked. The API reference
 * at /docs/api renders under our Content-Security-Policy.
 */

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

/** GET /api/v1/credits with the key, as a script would call it: the status. */
const creditsWith = (key: string) =>
  fetch(`${server.baseUrl}/api/v1/credits`, { headers: { authorization: `Bearer ${key}` } }).then((r) => r.status);

/** axe's serious and critical findings inside the API keys section and any open dialog. */
async function sectionViolations(): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).include('#api-keys').analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')}`));
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  context = await browser.newContext({ baseURL: server.baseUrl, viewport: desktop, permissions: ['clipboard-read', 'clipboard-write'] });
  // Seen the cookie notice already, so it does not cover the section.
  await context.addInitScript(() => localStorage.setItem('animegen.notice', 'seen'));
  page = await context.newPage();
  await signedInViaApi(server.baseUrl, context, 'api-keys');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('API keys in Settings', () => {
  it('a new key is shown once and copied, works as a Bearer token, is listed without itself, and stops working when revoked', async () => {
    await page.goto('/settings#api-keys');
    const section = page.locator('#api-keys');
    await section.getByLabel('Name').fill('render script');
    await expect(section.getByLabel('Generate').isChecked()).resolves.toBe(true);
    await expect(section.getByLabel('Read').isChecked()).resolves.toBe(true);
    await section.getByRole('button', { name: 'Create key' }).click();

    const dialog = page.getByRole('dialog', { name: /render script/ });
    await dialog.waitFor();
    const field = dialog.getByLabel('API key');
    // Focus moved into the dialog, onto the key itself.
    await expect(field.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    const key = await field.inputValue();
    expect(key).toMatch(/^ag_/);
    await expect(dialog.textContent()).resolves.toContain('will not be shown again');
    await dialog.getByRole('button', { name: 'Copy key' }).click();
    await dialog.getByRole('button', { name: 'Copied' }).waitFor();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(key);
    expect(await sectionViolations()).toEqual([]);
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'hidden' });

    expect(await creditsWith(key)).toBe(200);

    await page.reload();
    const row = page.getByTestId('api-key').filter({ hasText: 'render script' });
    await expect(row.getByTestId('api-key-start').textContent()).resolves.toBe(`${key.slice(0, 11)}…`);
    await expect(row.textContent()).resolves.toMatch(/last used/);
    expect(await page.content()).not.toContain(key);

    await row.getByRole('button', { name: 'Revoke render script' }).click();
    await page.getByTestId('confirm-revoke-api-key').click();
    await page.getByText('“render script” is revoked').waitFor();
    await row.waitFor({ state: 'detached' });
    expect(await creditsWith(key)).toBe(401);
  });

  it('the section has no serious accessibility violation, light and dark', async () => {
    await page.goto('/settings#api-keys');
    const section = page.locator('#api-keys');
    await section.getByLabel('Name').fill('nightly export');
    await section.getByRole('button', { name: 'Create key' }).click();
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByTestId('api-key').filter({ hasText: 'nightly export' }).waitFor();
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      expect(await sectionViolations(), colorScheme).toEqual([]);
    }
  });
});

describe('the API reference', () => {
  it('renders at /docs/api with the API title and its operations', async () => {
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    const res = await page.goto('/docs/api');
    // The page is served under our own policy (scripts from this origin only), and still renders.
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.getByRole('heading', { name: /AnimeGen API/ }).waitFor({ timeout: 15_000 });
    await page.locator('.opblock').first().waitFor();
    expect(await page.locator('.opblock').count()).toBeGreaterThan(0);
    expect(problems.filter((p) => /Content Security Policy/i.test(p))).toEqual([]);
  });
});
