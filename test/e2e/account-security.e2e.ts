import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifiedUserViaApi } from './helpers/api-user.js';
import { desktop, launchBrowser } from './helpers/browser.js';
import { openPhone, screenshot } from './helpers/screenshots.js';
import { type RunningServer, startServer } from './helpers/server.js';
import { totp } from './helpers/totp.js';
import { newUser } from './helpers/ui.js';

/**
 * Account security on a server whose privacy policy changed materially after
 * the user signed up (1.1.0, then a restart with 2.0.0): the e-mailed notice
 * and the acknowledgement banner, then two-factor sign-in from enrolment (QR
 * code, key, backup codes) to signing in with a code and with a one-time
 * backup code.
 */

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const user = newUser('security');
const dataDir = mkdtempSync(join(tmpdir(), 'animegen-e2e-policy-'));
let secret = '';
let backupCodes: string[] = [];

beforeAll(async () => {
  // Signed up under policy 1.1.0 ...
  server = await startServer({}, { dataDir });
  const cookies = await verifiedUserViaApi(server.baseUrl, user);
  await server.stop();
  // ... then the operator publishes 2.0.0 as a material change, to be e-mailed.
  server = await startServer({ LEGAL_POLICY_VERSION: '2.0.0', LEGAL_POLICY_MATERIAL: '1', LEGAL_POLICY_NOTIFY: '1' }, { dataDir });
  browser = await launchBrowser();
  context = await browser.newContext({ baseURL: server.baseUrl, viewport: desktop });
  // Seen the cookie notice already, so it does not sit over what we photograph.
  await context.addInitScript(() => localStorage.setItem('animegen.notice', 'seen'));
  await context.addCookies(
    cookies.map((c) => {
      const at = c.indexOf('=');
      return { name: c.slice(0, at), value: c.slice(at + 1), url: server.baseUrl };
    }),
  );
  page = await context.newPage();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Signs in through the form; resolves once the password step is done (the code step or Create shows). */
async function submitPassword(): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('E-mail address').fill(user.email);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).last().click();
}

/** Settings → Two-factor sign-in → Set up → password: the QR code, key and backup codes show. */
async function startSetUp(on: Page): Promise<void> {
  await on.goto('/settings#security');
  await on.getByTestId('two-factor-enable').click();
  await on.getByTestId('two-factor-password').fill(user.password);
  await on.getByTestId('two-factor-continue').click();
  await on.getByTestId('two-factor-setup').waitFor();
}

async function signOut(): Promise<void> {
  await page.getByTestId('sign-out').click();
  await page.waitForURL('**/sign-in');
}

describe('a material privacy policy change', () => {
  it('e-mails the user about it once, with a link to the policy', async () => {
    const notices = async () => {
      const mail = (await (await fetch(`${server.baseUrl}/api/dev/mail`)).json()) as {
        messages: { to: string; subject: string; links: string[] }[];
      };
      return mail.messages.filter((m) => m.to === user.email && m.subject === 'AnimeGen privacy policy update');
    };
    await expect.poll(async () => (await notices()).length, { timeout: 20_000 }).toBe(1);
    expect((await notices())[0]?.links).toContain(`${server.baseUrl}/privacy`);
  });

  it('shows a banner until the user acknowledges it, and remembers that', async () => {
    await page.goto('/create');
    const banner = page.getByTestId('policy-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('Version 2.0.0');
    expect(await banner.getByRole('link', { name: 'Read the policy' }).getAttribute('href')).toBe('/privacy');
    await screenshot(page, 'policy-banner-desktop', { fullPage: false });
    const [ack] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/me/policy/acknowledge')),
      banner.getByTestId('policy-acknowledge').click(),
    ]);
    expect(ack.status()).toBe(204);
    await banner.waitFor({ state: 'detached' });
    const [status] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/me/policy')), page.reload()]);
    expect(await status.json()).toMatchObject({ version: '2.0.0', acknowledgedVersion: '2.0.0', mustAcknowledge: false });
    await page.getByTestId('prompt-input').waitFor();
    expect(await page.getByTestId('policy-banner').count()).toBe(0);
  });
});

describe('two-factor sign-in', () => {
  it('turns on with the QR code, the key and a first code from the app', async () => {
    // A phone starts the set-up too (and is photographed); starting again on the desktop replaces its key.
    const phone = await openPhone(browser, server.baseUrl, await context.storageState());
    await startSetUp(phone.page);
    await phone.page.getByTestId('two-factor-setup').scrollIntoViewIfNeeded();
    await screenshot(phone.page, 'two-factor-setup-phone', { fullPage: false });
    await phone.close();

    await startSetUp(page);
    await page.getByTestId('totp-qr').waitFor();
    secret = (await page.getByTestId('totp-secret').getAttribute('data-secret')) ?? '';
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    backupCodes = await page.getByTestId('backup-code').allTextContents();
    expect(backupCodes.length).toBeGreaterThanOrEqual(8);
    await page.getByTestId('two-factor-setup').scrollIntoViewIfNeeded();
    await screenshot(page, 'two-factor-setup-desktop', { fullPage: false });

    await page.getByTestId('totp-confirm-code').fill(totp(secret));
    await page.getByTestId('totp-confirm').click();
    await page.locator('[data-testid="two-factor-status"][data-on="true"]').waitFor();
    await screenshot(page, 'two-factor-on-desktop', { fullPage: false });
  });

  it('asks for the code after the password, and signs in with it', async () => {
    await signOut();
    await submitPassword();
    await page.getByTestId('two-factor-step').waitFor();
    expect(await context.cookies().then((cs) => cs.some((c) => c.name.endsWith('session_token')))).toBe(false);
    await screenshot(page, 'two-factor-sign-in-desktop', { fullPage: false });
    const noticeSeen = { cookies: [], origins: [{ origin: server.baseUrl, localStorage: [{ name: 'animegen.notice', value: 'seen' }] }] };
    const phone = await openPhone(browser, server.baseUrl, noticeSeen);
    await phone.page.goto('/sign-in');
    await phone.page.getByLabel('E-mail address').fill(user.email);
    await phone.page.getByLabel('Password', { exact: true }).fill(user.password);
    await phone.page.getByRole('button', { name: 'Sign in' }).last().click();
    await phone.page.getByTestId('two-factor-step').waitFor();
    await screenshot(phone.page, 'two-factor-sign-in-phone', { fullPage: false });
    await phone.close();

    await page.getByTestId('two-factor-code').fill('000000');
    await page.getByTestId('two-factor-submit').click();
    await page.getByText('That code is not right.', { exact: false }).waitFor();
    await page.getByTestId('two-factor-code').fill(totp(secret));
    await page.getByTestId('two-factor-submit').click();
    await page.waitForURL('**/create');
  });

  it('signs in once with a backup code, and not twice with the same one', async () => {
    const code = backupCodes[0] ?? '';
    await signOut();
    await submitPassword();
    await page.getByTestId('two-factor-switch').click();
    await page.getByLabel('Backup code').fill(code);
    await page.getByTestId('two-factor-submit').click();
    await page.waitForURL('**/create');

    await signOut();
    await submitPassword();
    await page.getByTestId('two-factor-switch').click();
    await page.getByLabel('Backup code').fill(code);
    await page.getByTestId('two-factor-submit').click();
    await page.getByTestId('form-error').waitFor();
    expect(page.url()).toContain('/sign-in');
  });
});
