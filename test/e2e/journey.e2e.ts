import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StripeFake, startStripeFake } from '../fakes/stripe-fake.js';
import { desktop, launchBrowser } from './helpers/browser.js';
import { openPhone, photographPages, screenshot } from './helpers/screenshots.js';
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
  waitForBalance,
} from './helpers/ui.js';

/**
 * One new user's whole journey through the real server and the built web app:
 * sign up, verify, create and watch live, download, remix, delete, a refunded
 * failure, theme and language, sign out, password reset, sign in again, and
 * buying a credit pack through (a local fake of) Stripe Checkout.
 * The steps share one browser page and run in order.
 */

let server: RunningServer;
let stripe: StripeFake;
let browser: Browser;
let context: BrowserContext;
let page: Page;

const user = newUser('journey');
const newPassword = 'moonlit-shrine-7781';
const prompt = 'A girl with silver hair under cherry blossoms at dusk, soft light';
const ids = { first: '', remix: '', failed: '', withReference: '' };
let downloadedPng = '';

const nav = (name: string) => page.getByTestId('main-nav').getByRole('link', { name, exact: true });
const withStatus = (id: string, status: string) => page.locator(`[data-testid="gallery-item"][data-id="${id}"][data-status="${status}"]`);
const isDark = () => page.evaluate(() => document.documentElement.classList.contains('dark'));
const checkedValue = (name: string) => page.locator(`input[name="${name}"]:checked`).getAttribute('value');
const patchMe = () => page.waitForResponse((r) => r.url().endsWith('/api/me') && r.request().method() === 'PATCH' && r.ok());

const stripeKeys = { secretKey: 'sk_test_journey', webhookSecret: 'whsec_journey' };

beforeAll(async () => {
  stripe = await startStripeFake(stripeKeys);
  server = await startServer({
    STRIPE_SECRET_KEY: stripeKeys.secretKey,
    STRIPE_WEBHOOK_SECRET: stripeKeys.webhookSecret,
    STRIPE_API_BASE: stripe.url,
  });
  // Like Stripe, the fake sends checkout.session.completed while the buyer is redirected back.
  stripe.sendWebhooksTo(`${server.baseUrl}/api/billing/webhook`);
  browser = await launchBrowser();
  context = await browser.newContext({ baseURL: server.baseUrl, viewport: desktop, acceptDownloads: true });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await stripe?.close();
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
    await screenshot(page, 'create-in-progress-desktop', { fullPage: false });
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
    downloadedPng = await download.path();
    expect(isPng(downloadedPng)).toBe(true);
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
    // The form kept the remix's settings (two images): this one is a single image.
    expect(await checkedValue('count')).toBe('2');
    await page.getByTestId('count-1').click();
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

  it('attaches reference images by file picker or drag and drop, with per-file errors', async () => {
    await nav('Create').click();
    await page.getByTestId('model-option').filter({ hasText: 'Nano Banana 2' }).click();
    const input = page.getByTestId('reference-input');
    await input.setInputFiles([
      { name: 'girl.png', mimeType: 'image/png', buffer: readFileSync(downloadedPng) },
      { name: 'huge.png', mimeType: 'image/png', buffer: Buffer.alloc(11 * 1024 * 1024) },
    ]);
    await page.locator('[data-testid="reference-item"][data-state="ready"]').waitFor();
    await page.getByText('Too large (max 10 MB)').waitFor();

    await page.getByTestId('reference-dropzone').evaluate((zone) => {
      const data = new DataTransfer();
      data.items.add(new File(['hello'], 'notes.txt', { type: 'text/plain' }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    });
    await page.getByText('Not a PNG, JPEG or WebP').waitFor();
    await page.getByTestId('reference-dropzone').scrollIntoViewIfNeeded();
    await screenshot(page, 'create-references-desktop', { fullPage: false });

    // Remove the two rejected files; the good one stays.
    for (const name of ['huge.png', 'notes.txt']) await page.getByRole('button', { name: `Remove ${name}` }).click();
    expect(await page.getByTestId('reference-item').count()).toBe(1);

    ids.withReference = await generate(page, 'The same girl, now in a kimono at a summer festival');
    await withStatus(ids.withReference, 'succeeded').waitFor({ timeout: 30_000 });
    await waitForBalance(page, 8);
    await galleryItem(page, ids.withReference).click();
    await page.getByRole('img', { name: 'Reference image' }).waitFor();
    await page.getByTestId('remix').click();
    await page.locator('[data-testid="reference-item"][data-state="ready"]').waitFor();
    expect(await checkedValue('model')).toBe('nano-banana-2');
  });

  it('explains every credit movement in plain words', async () => {
    await nav('Credits').click();
    await page.getByTestId('ledger').waitFor();
    const kinds = await page.getByTestId('ledger-entry').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-kind')));
    expect(kinds).toEqual([
      'generation_debit',
      'generation_refund',
      'generation_debit',
      'generation_debit',
      'generation_debit',
      'signup_grant',
    ]);
    await page.getByText('Welcome credits').waitFor();
    const refund = page.getByRole('link', { name: 'Refund for a failed generation' });
    expect(await refund.getAttribute('href')).toBe(`/g/${ids.failed}`);
    expect(await page.getByTestId('credits-balance').textContent()).toBe('8');
  });

  it('looks finished on the main pages (desktop screenshots)', async () => {
    await nav('Create').click();
    await withStatus(ids.remix, 'succeeded').waitFor();
    await screenshot(page, 'create-desktop', { fullPage: false });
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
    const phone = await openPhone(browser, server.baseUrl, await context.storageState());
    await phone.page.goto('/create');
    await phone.page.locator(`[data-testid="gallery-item"][data-id="${ids.remix}"]`).waitFor();
    expect(await phone.page.getByTestId('tab-bar').isVisible()).toBe(true);
    expect(await phone.page.getByTestId('main-nav').isVisible()).toBe(false);
    await photographPages(phone.page, [
      ['/create', 'create-phone'],
      ['/gallery', 'gallery-phone'],
      [`/g/${ids.remix}`, 'detail-phone'],
      ['/credits', 'credits-phone'],
      ['/settings', 'settings-phone'],
    ]);
    await phone.close();
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
    await screenshot(page, 'create-dark-ja-desktop', { fullPage: false });
  });

  it('switches back to English and the light theme', async () => {
    await nav('設定').click();
    await Promise.all([patchMe(), page.getByTestId('locale-select').selectOption('en')]);
    await Promise.all([patchMe(), page.getByTestId('theme-select').selectOption('light')]);
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    expect(await isDark()).toBe(false);
  });

  it('changes the display name', async () => {
    await page.getByTestId('display-name-input').fill('Hana');
    await Promise.all([patchMe(), page.getByTestId('save-name').click()]);
    await page.getByRole('link', { name: 'Account settings for Hana' }).waitFor();
  });

  it('signs out', async () => {
    await page.getByTestId('sign-out').click();
    await page.waitForURL('**/sign-in');
    await page.getByRole('heading', { name: 'Welcome back' }).waitFor();
    await screenshot(page, 'sign-in-desktop');
    const phone = await openPhone(browser, server.baseUrl);
    await photographPages(phone.page, [['/sign-in', 'sign-in-phone']]);
    await phone.close();
  });

  it('resets a forgotten password through the dev mailbox', async () => {
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.getByRole('heading', { name: 'Reset your password' }).waitFor();
    await page.getByLabel('E-mail address').fill(user.email);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await page.getByTestId('reset-sent').waitFor();

    await followMailLink(page, user.email, /Reset your AnimeGen password/);
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await page.getByLabel('New password', { exact: true }).fill(newPassword);
    await page.getByLabel('Repeat the new password').fill(newPassword);
    await page.getByRole('button', { name: 'Save new password' }).click();
    await page.getByRole('heading', { name: 'Welcome back' }).waitFor();
  });

  it('signs in with the new password, not the old one', async () => {
    await page.getByLabel('E-mail address').fill(user.email);
    await page.getByLabel('Password', { exact: true }).fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).last().click();
    await page.getByText('The e-mail address or password is not right.').waitFor();

    await page.getByLabel('Password', { exact: true }).fill(newPassword);
    await page.getByRole('button', { name: 'Sign in' }).last().click();
    await page.waitForURL('**/create');
    await waitForBalance(page, 8);
  });

  it('buys a pack of 100 credits: Stripe Checkout, back to Credits, the balance goes up once', async () => {
    await nav('Credits').click();
    await page.getByTestId('packs').waitFor();
    await screenshot(page, 'credits-packs-desktop');
    await page.getByRole('button', { name: 'Buy 100 credits for €4.99' }).click();
    // The fake's checkout page takes the payment and sends the buyer back to /credits?checkout=success&session_id=…;
    // the page confirms it and then drops the query.
    await page.waitForURL('**/credits');
    await page.getByText('100 credits added').waitFor();
    await waitForBalance(page, 108);
    expect(await stripe.webhookStatuses()).toEqual([200]);
    // Webhook and success page both fulfilled it: one purchase in the ledger, one in the history.
    await page.reload();
    await page.getByTestId('ledger').waitFor();
    const kinds = await page.getByTestId('ledger-entry').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-kind')));
    expect(kinds.filter((k) => k === 'purchase')).toHaveLength(1);
    expect(kinds[0]).toBe('purchase');
    await page.getByText('Bought credits').waitFor();
    expect(await page.getByTestId('purchase').count()).toBe(1);
    expect(await page.getByTestId('purchase').getAttribute('data-status')).toBe('paid');
    expect(await page.getByTestId('credits-balance').textContent()).toBe('108');
    // What Stripe was told: the pack and our opaque reference, not who bought it.
    const sent = JSON.stringify(stripe.requests.map((r) => [r.headers, decodeURIComponent(r.body)]));
    for (const personal of [user.email, user.name, 'Hana']) expect(sent).not.toContain(personal);
    await screenshot(page, 'credits-purchased-desktop');
  });
});
