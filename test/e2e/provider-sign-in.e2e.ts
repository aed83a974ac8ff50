import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OidcIssuer, startOidcIssuer } from '../helpers/oidc-issuer.js';
import { freePort } from '../helpers/process.js';
import { uniqueEmail } from '../helpers/users.js';
import { desktop, launchBrowser } from './helpers/browser.js';
import { type RunningServer, startServer } from './helpers/server.js';
import { layoutShift, settle } from './helpers/site.js';

/**
 * Signing in with the operator's OpenID Connect provider from the sign-in
 * page, in a real browser: the button arrives after the page painted without
 * moving anything, the provider's pages (a real OpenID Connect server on
 * 127.0.0.1) sign the person in, and the new account lands on the welcome
 * step, then on Create.
 */

let server: RunningServer;
let issuer: OidcIssuer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  const port = await freePort();
  issuer = await startOidcIssuer({ redirectUris: [`http://127.0.0.1:${port}/api/auth/callback/oidc`] });
  server = await startServer(
    { OIDC_ISSUER: issuer.issuer, OIDC_CLIENT_ID: issuer.clientId, OIDC_CLIENT_SECRET: issuer.clientSecret, OIDC_NAME: 'Company account' },
    { port },
  );
  browser = await launchBrowser();
  const context = await browser.newContext({ baseURL: server.baseUrl, viewport: desktop });
  await context.addInitScript(() => localStorage.setItem('animegen.notice', 'seen'));
  page = await context.newPage();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await issuer?.close();
});

describe('signing in with an OpenID Connect provider', () => {
  it('shows the button without moving the page, and comes back signed in through the welcome step', async () => {
    issuer.setAccount('mei', { email: uniqueEmail('mei'), email_verified: true, name: 'Mei' });
    await page.goto('/sign-in');
    const button = page.getByRole('button', { name: 'Continue with Company account' });
    await button.waitFor();
    await settle(page);
    expect((await layoutShift(page)).cls).toBeLessThan(0.01);

    await button.click();
    await page.getByLabel('Login').fill('mei');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Allow' }).click();

    await page.waitForURL('**/welcome**');
    await page.getByTestId('welcome-submit').click();
    // Both boxes are required: nothing is sent until they are ticked.
    await expect.poll(() => page.getByRole('alert').count()).toBeGreaterThan(0);
    await page.getByTestId('welcome-age').check();
    await page.getByTestId('welcome-terms').check();
    await page.getByTestId('welcome-submit').click();
    await page.waitForURL('**/create');
    const me = await page.evaluate(async () => (await fetch('/api/me')).json());
    expect(me).toMatchObject({ name: 'Mei', ageConfirmed: true, emailVerified: true });
  });
});
