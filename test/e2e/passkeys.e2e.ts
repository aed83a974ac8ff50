import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInViaApi } from './helpers/api-user.js';
import { seriousViolations } from './helpers/axe.js';
import { desktop, launchBrowser } from './helpers/browser.js';
import { screenshot } from './helpers/screenshots.js';
import { type RunningServer, startServer } from './helpers/server.js';
import { layoutShift, settle } from './helpers/site.js';

/**
 * Passkeys in Chromium with its virtual authenticator (a platform one with
 * user verification, as a phone or laptop has): added in Settings, used to
 * sign in after signing out, listed with its last use, removed; after that it
 * no longer signs in and the sign-in page says why. The server's public
 * address is http://localhost (a secure context, and a name WebAuthn accepts
 * as the relying party).
 */

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let cdp: CDPSession;

beforeAll(async () => {
  server = await startServer({}, { hostName: 'localhost' });
  browser = await launchBrowser();
  context = await browser.newContext({ baseURL: server.baseUrl, viewport: desktop });
  await context.addInitScript(() => localStorage.setItem('animegen.notice', 'seen'));
  await signedInViaApi(server.baseUrl, context, 'passkey');
  page = await context.newPage();
  cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signOut(): Promise<void> {
  await page.getByTestId('sign-out').click();
  await page.waitForURL('**/sign-in');
}

describe('passkeys', () => {
  it('adds one in Settings, signs in with it after signing out, and lists it with its last use', async () => {
    await page.goto('/settings#security');
    await page.getByTestId('passkeys-none').waitFor();
    await page.getByTestId('passkey-add').click();
    await page.getByTestId('passkey').waitFor();
    expect(await page.getByTestId('passkey').count()).toBe(1);
    expect(await page.getByTestId('passkey-name').textContent()).toBe('Chrome on Linux');
    expect(await page.getByTestId('passkey').textContent()).toContain('not used yet');

    await signOut();
    // The prerendered page keeps the button's place: it appears without moving anything.
    await page.goto('/sign-in');
    await settle(page);
    const button = page.getByTestId('passkey-sign-in');
    await expect.poll(() => button.isVisible()).toBe(true);
    const { cls, moved } = await layoutShift(page);
    expect(cls, moved.join(', ')).toBeLessThan(0.05);
    expect(await seriousViolations(page)).toEqual([]);
    await button.click();
    await page.waitForURL('**/create');

    await page.goto('/settings#security');
    await page.getByTestId('passkey-last-used').waitFor();
    await page.getByTestId('passkeys-section').scrollIntoViewIfNeeded();
    await screenshot(page, 'passkeys-settings', { fullPage: false });
  });

  it('removes it after a confirmation; then it no longer signs in, and the page says why', async () => {
    await page.getByTestId('passkey-remove').click();
    await page.getByTestId('confirm-passkey-remove').click();
    await page.getByTestId('passkeys-none').waitFor();

    await signOut();
    await page.getByTestId('passkey-sign-in').click();
    const error = page.getByTestId('form-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('This passkey is not registered with AnimeGen');
    expect(page.url()).toMatch(/\/sign-in$/);
    await screenshot(page, 'passkey-sign-in-refused', { fullPage: false });
  });
});
