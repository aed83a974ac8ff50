import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desktop, launchBrowser, phone } from './helpers/browser.js';
import { type RunningServer, startServer } from './helpers/server.js';
import {
  balance,
  eventually,
  fillSignUpForm,
  followMailLink,
  galleryItem,
  generate,
  isPng,
  newUser,
  screenshot,
  waitForBalance,
} from './helpers/ui.js';

/**
 * One new user's whole journey through the real server and the built web app:
 * sign up, verify, create and watch live, download, remix, delete, a refunded
 * failure, theme and language, sign out, password reset, sign in again.
 * The steps share one browser page and run in order.
 */

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

const user = newUser('journey');
const newPassword = 'moonlit-shrine-7781';
const prompt = 'A girl with silver hair under cherry blossoms at dusk, soft light';
const ids = { first: '', remix: '', failed: '' };

const nav = (name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });
const withStatus = (id: string, status: string) => page.locator(`[data-testid="gallery-item"][data-id="${id}"][data-status="${status}"]`);
const isDark = () => page.evaluate(() => document.documentElement.classList.contains('dark'));
const checkedValue = (name: string) => page.locator(`input[name="${name}"]:checked`).getAttribute('value');
const patchMe = () => page.waitForResponse((r) => r.url().endsWith('/api/me') && r.request().method() === 'PATCH' && r.ok());

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

describe("a new user's journey", () => {
  it('cannot sign up without confirming the minimum age', async () => {
    await page.goto('/sign-up');
    await fillSignUpForm(page, user, { confirmAge: false });
    await page.getByText('Please confirm that you are at least 16 years old to create an account.').waitFor();
    expect(await page.getByTestId('check-email').count()).toBe(0);
  });

  it('signs up, verifies the address from the dev mailbox and receives 20 credits', async () => {
    await page.getByTestId('age-confirm').check();
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByTestId('check-email').waitFor();

    await followMailLink(page, user.email, /Confirm your AnimeGen e-mail address/);
    await page.waitForURL('**/verified');
    await page.getByTestId('verified-continue').click();
    await page.waitForURL('**/create');
    await waitForBalance(page, 20);
    await page.getByTestId('demo-banner').waitFor();
  });

  it('creates two images and watches them go from queued to done without a reload', async () => {
    await page.evaluate(() => {
      (window as unknown as { samePage: boolean }).samePage = true;
    });
    await page.getByTestId('aspect-3:4').click();
    await page.getByTestId('count-2').click();
    const cost = Number((await page.getByTestId('cost').textContent())?.replace(/\D/g, ''));
    expect(cost).toBe(4);

    ids.first = await generate(page, prompt);
    const status = await galleryItem(page, ids.first).getAttribute('data-status');
    expect(['queued', 'running']).toContain(status);
    await withStatus(ids.first, 'succeeded').waitFor({ timeout: 30_000 });
    await waitForBalance(page, 16);
    expect(await page.evaluate(() => (window as unknown as { samePage?: boolean }).samePage)).toBe(true);
  });

  it('opens the image and downloads the original PNG', async () => {
    await galleryItem(page, ids.first).click();
    await page.waitForURL(`**/g/${ids.first}`);
    await page.getByTestId('detail-image').waitFor();
    expect(await page.getByTestId('detail-prompt').textContent()).toBe(prompt);
    expect(await page.getByTestId('detail-size').textContent()).toMatch(/^\d+ × \d+$/);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download').click()]);
    expect(isPng(await download.path())).toBe(true);
  });

  it('remixes it: Create comes back filled in, and the remix is generated', async () => {
    await page.getByTestId('remix').click();
    await page.waitForURL(/\/create\?remix=/);
    await eventually(() => page.getByTestId('prompt-input').inputValue(), prompt);
    expect(await checkedValue('aspect')).toBe('3:4');
    expect(await checkedValue('count')).toBe('2');

    ids.remix = await generate(page, `${prompt}, night sky`);
    await withStatus(ids.remix, 'succeeded').waitFor({ timeout: 30_000 });
    await waitForBalance(page, 12);
  });

  it('deletes the first image after confirming, and it leaves the gallery', async () => {
    await galleryItem(page, ids.first).click();
    await page.getByTestId('delete-generation').click();
    await page.getByRole('dialog').waitFor();
    await page.getByTestId('confirm-delete').click();
    await page.waitForURL('**/gallery');
    await galleryItem(page, ids.remix).waitFor();
    expect(await galleryItem(page, ids.first).count()).toBe(0);
  });

  it('a generation that fails says so, refunds its credits and restores the balance', async () => {
    await nav('Create').click();
    const before = await balance(page);
    ids.failed = await generate(page, '[sim:fail] a fox spirit dancing in the rain');
    await withStatus(ids.failed, 'failed').waitFor({ timeout: 30_000 });
    await waitForBalance(page, before);

    await galleryItem(page, ids.failed).click();
    await page.getByTestId('refund-note').waitFor();
    expect(await page.getByTestId('refund-note').textContent()).toContain('2 credits refunded');
    expect((await page.getByTestId('failure-reason').textContent())?.trim()).not.toBe('');
    await screenshot(page, 'detail-failed-desktop');
  });

  it('explains every credit movement in plain words', async () => {
    await nav('Credits').click();
    await page.getByTestId('ledger').waitFor();
    const kinds = await page.getByTestId('ledger-entry').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-kind')));
    expect(kinds).toEqual(['generation_refund', 'generation_debit', 'generation_debit', 'generation_debit', 'signup_grant']);
    await page.getByText('Welcome credits').waitFor();
    const refund = page.getByRole('link', { name: 'Refund for a failed generation' });
    expect(await refund.getAttribute('href')).toBe(`/g/${ids.failed}`);
    expect(await page.getByTestId('credits-balance').textContent()).toBe('12');
  });

  it('looks finished on the main pages (desktop screenshots)', async () => {
    await nav('Create').click();
    await withStatus(ids.remix, 'succeeded').waitFor();
    await screenshot(page, 'create-desktop');
    await nav('Gallery').click();
    await withStatus(ids.remix, 'succeeded').waitFor();
    await screenshot(page, 'gallery-desktop');
    await galleryItem(page, ids.remix).click();
    await page.getByTestId('detail-image').waitFor();
    await screenshot(page, 'detail-desktop');
    await nav('Credits').click();
    await page.getByTestId('ledger').waitFor();
    await screenshot(page, 'credits-desktop');
    await nav('Settings').click();
    await page.getByTestId('theme-select').waitFor();
    await screenshot(page, 'settings-desktop');
  });

  it('looks finished on a phone, with the sections in a bottom tab bar', async () => {
    const mobile = await browser.newContext({
      baseURL: server.baseUrl,
      viewport: phone,
      isMobile: true,
      hasTouch: true,
      storageState: await context.storageState(),
    });
    const p = await mobile.newPage();
    const tabs = p.getByRole('navigation', { name: 'Main' });
    await p.goto('/create');
    await p.locator(`[data-testid="gallery-item"][data-id="${ids.remix}"]`).waitFor();
    expect(await tabs.isVisible()).toBe(true);
    const shots: [string, string][] = [
      ['/create', 'create-phone'],
      ['/gallery', 'gallery-phone'],
      [`/g/${ids.remix}`, 'detail-phone'],
      ['/credits', 'credits-phone'],
      ['/settings', 'settings-phone'],
    ];
    for (const [path, name] of shots) {
      await p.goto(path);
      await p.locator('main h1, [data-testid="detail-image"]').first().waitFor();
      await screenshot(p, name);
    }
    await mobile.close();
  });

  it('switches to the dark theme, kept after a reload and on the account', async () => {
    await page.goto('/settings');
    await Promise.all([patchMe(), page.getByTestId('theme-select').selectOption('dark')]);
    expect(await isDark()).toBe(true);
    await page.reload();
    await page.getByTestId('theme-select').waitFor();
    expect(await isDark()).toBe(true);
    expect(await page.getByTestId('theme-select').inputValue()).toBe('dark');
  });

  it('switches the language to Japanese, kept after a reload and on the account', async () => {
    await Promise.all([patchMe(), page.getByTestId('locale-select').selectOption('ja')]);
    await page.getByRole('heading', { name: '設定', level: 1 }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: '設定', level: 1 }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ja');
    expect(await nav('作成').isVisible()).toBe(true);

    // Forget this device's copy: the account's saved choices come back.
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await page.getByRole('heading', { name: '設定', level: 1 }).waitFor();
    await eventually(isDark, true);
    await screenshot(page, 'settings-dark-ja-desktop');
    await nav('ギャラリー').click();
    await withStatus(ids.remix, 'succeeded').waitFor();
    await screenshot(page, 'gallery-dark-ja-desktop');
    await nav('作成').click();
    await page.getByTestId('prompt-input').waitFor();
    await screenshot(page, 'create-dark-ja-desktop');
  });

  it('switches back to English and the light theme', async () => {
    await nav('設定').click();
    await Promise.all([patchMe(), page.getByTestId('locale-select').selectOption('en')]);
    await Promise.all([patchMe(), page.getByTestId('theme-select').selectOption('light')]);
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    expect(await isDark()).toBe(false);
  });

  it('signs out', async () => {
    await page.getByTestId('sign-out').click();
    await page.waitForURL('**/sign-in');
    await page.getByRole('heading', { name: 'Welcome back' }).waitFor();
    await screenshot(page, 'sign-in-desktop');
    const mobile = await browser.newContext({ baseURL: server.baseUrl, viewport: phone, isMobile: true, hasTouch: true });
    const p = await mobile.newPage();
    await p.goto('/sign-in');
    await p.getByRole('heading', { name: 'Welcome back' }).waitFor();
    await screenshot(p, 'sign-in-phone');
    await mobile.close();
  });

  it('resets a forgotten password through the dev mailbox', async () => {
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.getByLabel('E-mail address').fill(user.email);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await page.getByTestId('reset-sent').waitFor();

    await followMailLink(page, user.email, /Reset your AnimeGen password/);
    await page.waitForURL(/\/reset-password\?token=/);
    await page.getByLabel('New password', { exact: true }).fill(newPassword);
    await page.getByLabel('Repeat the new password').fill(newPassword);
    await page.getByRole('button', { name: 'Save new password' }).click();
    await page.waitForURL('**/sign-in');
  });

  it('signs in with the new password, not the old one', async () => {
    await page.getByLabel('E-mail address').fill(user.email);
    await page.getByLabel('Password', { exact: true }).fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).last().click();
    await page.getByText('The e-mail address or password is not right.').waitFor();

    await page.getByLabel('Password', { exact: true }).fill(newPassword);
    await page.getByRole('button', { name: 'Sign in' }).last().click();
    await page.waitForURL('**/create');
    await waitForBalance(page, 12);
  });
});
