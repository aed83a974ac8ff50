import { execFileSync } from 'node:child_process';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifiedUserViaApi } from './helpers/api-user.js';
import { desktop, launchBrowser } from './helpers/browser.js';
import { openPhone, photographPages, screenshot } from './helpers/screenshots.js';
import { type RunningServer, startServer } from './helpers/server.js';
import { galleryItem, generate, newUser } from './helpers/ui.js';

/**
 * The privacy promises a visitor and a user can check for themselves: the
 * cookie notice and legal pages, the public request form, the session cookie,
 * downloading everything as a ZIP, the trash, and deleting the account for good.
 */

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

const user = newUser('privacy');
let generationId = '';
let imageUrl = '';

const unzip = (args: string[]) => execFileSync('unzip', args, { encoding: 'utf8' });

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  context = await browser.newContext({ baseURL: server.baseUrl, viewport: desktop, acceptDownloads: true });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('privacy for visitors', () => {
  it('shows the cookie notice on the first visit only', async () => {
    await page.goto('/');
    const notice = page.getByTestId('cookie-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('No analytics, no ads, no trackers.');
    expect(await notice.getByRole('link', { name: 'Cookie details' }).getAttribute('href')).toBe('/cookies');
    await screenshot(page, 'cookie-notice-desktop', { fullPage: false });
    await page.getByTestId('cookie-notice-ok').click();
    await notice.waitFor({ state: 'hidden' });
    await page.reload();
    await page.getByRole('heading', { level: 1 }).waitFor();
    // Until the app has started, the prerendered notice is in the page but hidden (by /theme.js): what counts is that it is not shown.
    expect(await page.getByTestId('cookie-notice').isVisible()).toBe(false);
    expect(await page.evaluate(() => localStorage.getItem('animegen.notice'))).not.toBeNull();
  });

  it('renders the legal pages with version, date, processors and the privacy contact, signed out', async () => {
    const meta = (await (await fetch(`${server.baseUrl}/api/meta`)).json()) as { privacyContact: string };
    await page.getByTestId('site-footer').getByRole('link', { name: 'Privacy policy' }).click();
    await page.getByTestId('legal-document').waitFor();
    await page.getByRole('heading', { name: 'Privacy policy', level: 1 }).waitFor();
    expect(await page.getByTestId('legal-version').textContent()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(await page.getByTestId('legal-updated').getAttribute('datetime')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await page.getByTestId('processor').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('privacy-contact').textContent()).toContain(meta.privacyContact);
    expect(await page.locator('[data-testid="legal-document"] h2').count()).toBeGreaterThan(3);
    // The page's first heading is its header, not repeated in the body.
    expect(await page.locator('[data-testid="legal-document"] h1').count()).toBe(1);
    await screenshot(page, 'legal-privacy-desktop');

    await page.getByRole('navigation', { name: 'Legal pages' }).getByRole('link', { name: 'Cookies' }).click();
    await page.getByRole('heading', { name: 'Cookies and browser storage', level: 1 }).waitFor();
    expect(await page.locator('[data-testid="legal-document"] table code').first().textContent()).toBe('animegen.session_token');
    await screenshot(page, 'legal-cookies-desktop');
    await page.getByRole('navigation', { name: 'Legal pages' }).getByRole('link', { name: 'Terms of use' }).click();
    await page.getByRole('heading', { name: 'Terms of use', level: 1 }).waitFor();

    const phone = await openPhone(browser, server.baseUrl, await context.storageState());
    await photographPages(phone.page, [
      ['/privacy', 'legal-privacy-phone'],
      ['/cookies', 'legal-cookies-phone'],
    ]);
    await phone.close();
  });

  it('takes a privacy request from someone without an account', async () => {
    await page.getByTestId('site-footer').getByRole('link', { name: 'Privacy request' }).click();
    await page.getByRole('heading', { name: 'Privacy request', level: 1 }).waitFor();
    await page.getByTestId('privacy-request-kind').selectOption('child_account');
    await page.getByLabel('Your e-mail address').fill('parent@example.test');
    await page.getByLabel('Your message').fill('I believe my 12-year-old created an account here as hana.k.');
    await screenshot(page, 'privacy-request-desktop');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/privacy-requests') && r.request().method() === 'POST'),
      page.getByTestId('privacy-request-submit').click(),
    ]);
    expect(response.status()).toBe(201);
    expect(await response.json()).toMatchObject({ kind: 'child_account', email: 'parent@example.test', status: 'open' });
    await page.getByTestId('privacy-request-sent').waitFor();
    expect(await page.getByTestId('privacy-request-sent').textContent()).toContain('parent@example.test');
  });
});

describe('privacy for a signed-in user', () => {
  it('signs in with exactly one session cookie (HttpOnly, SameSite=Lax, path /) beside the language cookie', async () => {
    await verifiedUserViaApi(server.baseUrl, user);
    await page.goto('/sign-in');
    await page.getByLabel('E-mail address').fill(user.email);
    await page.getByLabel('Password', { exact: true }).fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).last().click();
    await page.waitForURL('**/create');
    const cookies = await context.cookies();
    expect(cookies.map((c) => c.name).sort()).toEqual(['animegen.session_token', 'lang']);
    expect(cookies.find((c) => c.name === 'animegen.session_token')).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    // The language the pages are prerendered in; listed on the cookie page.
    expect(cookies.find((c) => c.name === 'lang')).toMatchObject({ value: 'en', httpOnly: false, sameSite: 'Lax', path: '/' });
  });

  it('downloads everything as a ZIP with a README, the profile and the images', async () => {
    generationId = await generate(page, 'A shrine maiden feeding koi at dawn, watercolor');
    await page.locator(`[data-testid="gallery-item"][data-id="${generationId}"][data-status="succeeded"]`).waitFor({ timeout: 30_000 });
    imageUrl = await page.evaluate(async (id) => {
      const g = (await (await fetch(`/api/generations/${id}`)).json()) as { images: { url: string }[] };
      return g.images[0]?.url ?? '';
    }, generationId);
    expect(imageUrl).not.toBe('');

    await page.goto('/settings#data');
    await page.getByTestId('request-export').click();
    await page.getByTestId('export-ready').waitFor({ timeout: 30_000 });
    await page.getByTestId('export-row').first().waitFor();
    await page.locator('#data').scrollIntoViewIfNeeded();
    await screenshot(page, 'settings-data-desktop', { fullPage: false });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
    const zip = await download.path();
    const listing = unzip(['-Z1', zip]).split('\n');
    expect(listing).toContain('README.txt');
    expect(listing).toContain('data/profile.json');
    expect(listing.some((f) => /\.(png|webp|jpe?g)$/.test(f))).toBe(true);
    expect(unzip(['-p', zip, 'data/profile.json'])).toContain(user.email);

    await page.getByTestId('request-export').click();
    await page.getByText('You can request one export per hour.').waitFor();
  });

  it('moves a deleted generation to the trash and restores it into the gallery', async () => {
    await page.goto(`/g/${generationId}`);
    await page.getByTestId('delete-generation').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('You can restore it from the Trash for 7 days.', { exact: false }).waitFor();
    await page.getByTestId('confirm-delete').click();
    await page.waitForURL('**/gallery');
    expect(await galleryItem(page, generationId).count()).toBe(0);

    await page.getByTestId('trash-link').click();
    const item = page.locator(`[data-testid="trash-item"][data-id="${generationId}"]`);
    await item.waitFor();
    expect(await item.getByTestId('days-left').textContent()).toBe('7 days left');
    await screenshot(page, 'trash-desktop');
    const phone = await openPhone(browser, server.baseUrl, await context.storageState());
    await photographPages(phone.page, [['/trash', 'trash-phone']]);
    await phone.close();

    await item.getByTestId('restore').click();
    await item.waitFor({ state: 'detached' });
    await page.getByRole('link', { name: 'Back to gallery' }).first().click();
    await galleryItem(page, generationId).waitFor();
  });

  it('lists this device among the sessions and files a privacy request from Settings', async () => {
    await page.goto('/settings');
    await page.locator('[data-testid="session"][data-current]').getByTestId('this-device').waitFor();
    expect(await page.locator('[data-testid="session"][data-current]').textContent()).toContain('Chrome on Linux');
    await page.getByTestId('privacy-request-kind').selectOption('objection');
    await page.getByLabel('Your message').fill('Please do not use my prompts for anything but my own images.');
    await page.getByTestId('privacy-request-submit').click();
    await page.getByTestId('my-privacy-request').first().waitFor();
    expect(await page.getByTestId('my-privacy-request').first().textContent()).toContain('Objection to how my data is used');
    await screenshot(page, 'settings-full-desktop');
    const phone = await openPhone(browser, server.baseUrl, await context.storageState());
    await phone.page.goto('/settings');
    await phone.page.getByTestId('sessions').waitFor();
    await screenshot(phone.page, 'settings-full-phone');
    await phone.close();
  });

  it('deletes the account: the old password fails, the files are gone, and the address can sign up again', async () => {
    await page.getByTestId('delete-account').click();
    await page.getByTestId('delete-account-password').fill('not-my-password');
    await page.getByTestId('confirm-delete-account').click();
    await page.getByText('That password is not right.').waitFor();
    await page.getByTestId('delete-account-password').fill(user.password);
    await screenshot(page, 'delete-account-dialog-desktop', { fullPage: false });
    await page.getByTestId('confirm-delete-account').click();
    await page.getByTestId('account-deleted').waitFor();
    await screenshot(page, 'account-deleted-desktop');

    await page.goto('/sign-in');
    await page.getByLabel('E-mail address').fill(user.email);
    await page.getByLabel('Password', { exact: true }).fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).last().click();
    await page.getByText('The e-mail address or password is not right.').waitFor();

    // The same address makes a fresh account, which cannot see the old image either.
    const again = await verifiedUserViaApi(server.baseUrl, user);
    const old = await fetch(new URL(imageUrl, server.baseUrl), { headers: { cookie: again.join('; ') } });
    expect(old.status).toBe(404);
  });
});
