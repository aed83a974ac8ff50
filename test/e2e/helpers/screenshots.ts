import type { Browser, BrowserContext, Page } from 'playwright-core';
import { phone } from './browser.js';

/** Screenshots for people to look at (test-results/screenshots), taken once the page has settled. */

export async function screenshot(page: Page, name: string, { fullPage = true } = {}): Promise<void> {
  // Toasts come and go; close them so the picture shows the page itself.
  await page.$$eval('[data-testid^="toast-"] button', (buttons) => {
    for (const b of buttons) (b as HTMLButtonElement).click();
  });
  // The finished page: images in view decoded, fonts loaded, no transition mid-way.
  await page.evaluate(() => document.fonts.ready);
  await page.waitForFunction(() =>
    [...document.images].filter((i) => i.loading !== 'lazy' || i.getBoundingClientRect().top < window.innerHeight).every((i) => i.complete),
  );
  await page.waitForFunction(() =>
    document.getAnimations().every((a) => a.effect?.getTiming().iterations === Number.POSITIVE_INFINITY || a.playState !== 'running'),
  );
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage });
}

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

/** A phone-sized touch browser tab, optionally carrying another context's cookies. */
export async function openPhone(browser: Browser, baseURL: string, storageState?: StorageState) {
  const context = await browser.newContext({ baseURL, viewport: phone, isMobile: true, hasTouch: true, storageState });
  return { page: await context.newPage(), close: () => context.close() };
}

/** Visits each path and photographs what a phone shows (the fixed tab bar stays at the bottom). */
export async function photographPages(page: Page, shots: [path: string, name: string][]): Promise<void> {
  for (const [path, name] of shots) {
    await page.goto(path);
    await page.locator('main h1, [data-testid="detail-image"]').first().waitFor();
    await screenshot(page, name, { fullPage: false });
  }
}
