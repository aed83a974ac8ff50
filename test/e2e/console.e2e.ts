import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exitOf, spawnAnimegen } from '../helpers/process.js';
import { twoFactorOnViaApi, verifiedUserViaApi } from './helpers/api-user.js';
import { desktop, launchBrowser, phone } from './helpers/browser.js';
import { screenshot } from './helpers/screenshots.js';
import { type RunningServer, startServer } from './helpers/server.js';
import { totp } from './helpers/totp.js';
import { newUser, type TestUser } from './helpers/ui.js';

/**
 * The operator console as operators use it: an admin turns on two-factor
 * sign-in, signs in with a code, finds a customer and adjusts their credits
 * (once, however often the button is clicked), suspends them with a reason
 * (their session ends and their sign-in says why) and lifts it. A support
 * operator sees only their sections; an operator without two-factor sign-in
 * is told to turn it on instead of getting a broken console.
 */

const dataDir = mkdtempSync(join(tmpdir(), 'animegen-e2e-console-'));
let server: RunningServer;
let browser: Browser;

const admin = newUser('console-admin');
const support = newUser('console-support');
const noSecondFactor = newUser('console-plain');
const customer = newUser('console-customer');
let supportCookies: string[] = [];
let plainCookies: string[] = [];
let customerCookie = '';
let adminSecret = '';

const grant = async (user: TestUser, role: string) =>
  expect(await exitOf(spawnAnimegen('admin', { DATA_DIR: dataDir }, ['grant', user.email, '--role', role]))).toBe(0);

beforeAll(async () => {
  server = await startServer({}, { dataDir });
  await verifiedUserViaApi(server.baseUrl, admin);
  ({ cookies: supportCookies } = await twoFactorOnViaApi(server.baseUrl, support, await verifiedUserViaApi(server.baseUrl, support)));
  plainCookies = await verifiedUserViaApi(server.baseUrl, noSecondFactor);
  customerCookie = (await verifiedUserViaApi(server.baseUrl, customer)).join('; ');
  // PGlite has one owner at a time: grant operator rights while the server is down, as an operator would.
  await server.stop();
  await grant(admin, 'admin');
  await grant(support, 'support');
  await grant(noSecondFactor, 'admin');
  server = await startServer({}, { dataDir });
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function contextWith(cookies: string[], viewport = desktop): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: server.baseUrl,
    viewport,
    isMobile: viewport === phone,
    hasTouch: viewport === phone,
  });
  await context.addInitScript(() => localStorage.setItem('animegen.notice', 'seen'));
  await context.addCookies(
    cookies.map((c) => {
      const at = c.indexOf('=');
      return { name: c.slice(0, at), value: c.slice(at + 1), url: server.baseUrl };
    }),
  );
  return context;
}

async function signInWithPassword(page: Page, user: TestUser): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('E-mail address').fill(user.email);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  const submit = page.getByRole('button', { name: 'Sign in', exact: true });
  await submit.click();
}

const customerBalance = async () =>
  ((await (await fetch(`${server.baseUrl}/api/credits`, { headers: { cookie: customerCookie } })).json()) as { balance: number }).balance;

describe('an operator without two-factor sign-in', () => {
  it('is asked to turn it on, with a link to Settings → Security, instead of a broken console', async () => {
    const context = await contextWith(plainCookies);
    const page = await context.newPage();
    await page.goto('/admin');
    await page.getByRole('heading', { name: 'Turn on two-factor sign-in first' }).waitFor();
    expect(await page.getByTestId('console-nav').count()).toBe(0);
    await screenshot(page, 'console-two-factor-required-desktop', { fullPage: false });
    await page.getByTestId('console-two-factor-link').click();
    await page.waitForURL('**/settings#security');
    // The server agrees: every operator route refuses until the second factor is on.
    const refused = await fetch(`${server.baseUrl}/api/admin/stats`, { headers: { cookie: plainCookies.join('; ') } });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('two_factor_required');
    await context.close();
  });
});

describe('an admin with two-factor sign-in', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await contextWith([]);
    page = await context.newPage();
  });
  afterAll(() => context?.close());

  it('turns two-factor on in Settings and signs in with a code', async () => {
    await signInWithPassword(page, admin);
    await page.waitForURL('**/create');
    await page.goto('/settings#security');
    await page.getByTestId('two-factor-enable').click();
    await page.getByTestId('two-factor-password').fill(admin.password);
    await page.getByTestId('two-factor-continue').click();
    await page.getByTestId('two-factor-setup').waitFor();
    adminSecret = (await page.getByTestId('totp-secret').getAttribute('data-secret')) ?? '';
    await page.getByTestId('totp-confirm-code').fill(totp(adminSecret));
    await page.getByTestId('totp-confirm').click();
    await page.locator('[data-testid="two-factor-status"][data-on="true"]').waitFor();

    await page.getByTestId('sign-out').click();
    await page.waitForURL('**/sign-in');
    await signInWithPassword(page, admin);
    await page.getByTestId('two-factor-code').fill(totp(adminSecret));
    await page.getByTestId('two-factor-submit').click();
    await page.waitForURL('**/create');
  });

  it('opens the console from Settings and sees every section', async () => {
    await page.goto('/settings');
    await page.getByTestId('admin-link').click();
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    await page.getByTestId('stat-sign-ups').waitFor();
    const sections = await page.getByTestId('console-nav').getByRole('link').allTextContents();
    expect(sections).toEqual(['Dashboard', 'Users', 'Moderation', 'Support', 'Privacy requests', 'Audit log']);
    await screenshot(page, 'console-dashboard-desktop');
  });

  it('finds the customer by part of their e-mail address', async () => {
    await page.getByTestId('console-nav').getByRole('link', { name: 'Users' }).click();
    await page.getByTestId('user-search').fill(customer.email.slice(0, 24));
    const result = page.getByTestId('user-result').filter({ hasText: customer.email });
    await result.waitFor();
    await screenshot(page, 'console-user-search-desktop');
    await result.click();
    await page.getByTestId('user-email').filter({ hasText: customer.email }).waitFor();
    expect(await page.getByTestId('user-balance').textContent()).toBe('20');
  });

  it('adjusts credits once, even when the button is clicked twice', async () => {
    let posts = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/credits')) posts += 1;
    });
    await page.getByTestId('action-credits').click();
    await page.getByTestId('credit-delta').fill('50');
    await page.getByTestId('action-reason').fill('Goodwill for a failed batch');
    await page.getByTestId('confirm-adjust-credits').dblclick();
    await page.getByText('Credits adjusted by +50; the balance is now 70').waitFor();
    expect(await page.getByTestId('user-balance').textContent()).toBe('70');
    expect(await customerBalance()).toBe(70);
    expect(posts, 'credit adjustments sent').toBe(1);
    // The ledger shows one adjustment with the new balance.
    await expect.poll(() => page.locator('[data-testid="user-ledger-entry"][data-kind="admin_adjustment"]').count()).toBe(1);
  });

  it('suspends the customer with a reason: their session ends and their sign-in says why', async () => {
    expect((await fetch(`${server.baseUrl}/api/me`, { headers: { cookie: customerCookie } })).status).toBe(200);
    await page.getByTestId('action-suspend').click();
    await page.getByTestId('action-reason').fill('Chargeback fraud under review');
    await page.getByTestId('confirm-dialog-suspend').click();
    await page.getByText('Account suspended; its sessions have ended').waitFor();
    await page.getByTestId('user-suspension').filter({ hasText: 'Chargeback fraud under review' }).waitFor();
    await screenshot(page, 'console-user-suspended-desktop');
    expect((await fetch(`${server.baseUrl}/api/me`, { headers: { cookie: customerCookie } })).status).toBe(401);

    const visitor = await contextWith([]);
    const signIn = await visitor.newPage();
    await signInWithPassword(signIn, customer);
    await signIn.getByText('This account is suspended', { exact: false }).waitFor();
    await visitor.close();
  });

  it('lifts the suspension with a reason: the customer can sign in again', async () => {
    await page.getByTestId('action-unsuspend').click();
    await page.getByTestId('action-reason').fill('Bank confirmed the payment');
    await page.getByTestId('confirm-dialog-unsuspend').click();
    await page.getByText('Suspension lifted').waitFor();
    await page.getByTestId('action-suspend').waitFor();
    expect(await page.getByTestId('user-suspension').count()).toBe(0);

    const visitor = await contextWith([]);
    const signIn = await visitor.newPage();
    await signInWithPassword(signIn, customer);
    await signIn.waitForURL('**/create');
    await visitor.close();
  });

  it('keeps every action in the audit log, with its reason', async () => {
    await page.getByTestId('user-audit-link').click();
    await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
    const entries = page.getByTestId('audit-entry');
    await entries.first().waitFor();
    expect(await entries.evaluateAll((els) => els.map((e) => e.getAttribute('data-action')))).toEqual([
      'user.unsuspend',
      'user.suspend',
      'credits.adjust',
    ]);
    expect(await entries.nth(1).textContent()).toContain('Chargeback fraud under review');
  });
  it('releases a refused prompt from the moderation queue with a reason', async () => {
    const writer = newUser('console-writer');
    const cookie = (await verifiedUserViaApi(server.baseUrl, writer)).join('; ');
    const prompt = `explicit sex scene ${Date.now()}`;
    const refused = await fetch(`${server.baseUrl}/api/generations`, {
      method: 'POST',
      headers: { cookie, origin: server.baseUrl, 'content-type': 'application/json' },
      body: JSON.stringify({ prompt, model: 'nano-banana', aspectRatio: '1:1' }),
    });
    expect(refused.status).toBe(422);
    await page.getByTestId('console-nav').getByRole('link', { name: 'Moderation' }).click();
    const item = page.getByTestId('moderation-case').filter({ hasText: prompt });
    await item.waitFor();
    await item.getByTestId('case-release').click();
    await page.getByTestId('action-reason').fill('Art study, not explicit on review');
    await page.getByTestId('confirm-dialog-release').click();
    // Released cases leave the open queue; the decision is in the audit log.
    await expect.poll(() => item.count()).toBe(0);
    await page.getByTestId('console-nav').getByRole('link', { name: 'Audit log' }).click();
    const entry = page.getByTestId('audit-entry').first();
    await entry.waitFor();
    expect(await entry.getAttribute('data-action')).toBe('moderation.release');
    expect(await entry.textContent()).toContain('Art study, not explicit on review');
  });
});

describe('a support operator', () => {
  it('sees only the sections support may use, on a phone too', async () => {
    const context = await contextWith(supportCookies, phone);
    const page = await context.newPage();
    await page.goto('/admin');
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    const sections = await page.getByTestId('console-nav').getByRole('link').allTextContents();
    expect(sections).toEqual(['Dashboard', 'Users', 'Support', 'Privacy requests']);
    await screenshot(page, 'console-dashboard-phone', { fullPage: false });
    // Sections outside the role are not there at all.
    await page.goto('/admin/moderation');
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await page.goto('/admin/audit');
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await context.close();
  });
});
