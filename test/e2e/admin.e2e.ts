import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exitOf, spawnAnimegen } from '../helpers/process.js';
import { signedInViaApi, twoFactorOnViaApi, verifiedUserViaApi } from './helpers/api-user.js';
import { desktop, launchBrowser } from './helpers/browser.js';
import { screenshot } from './helpers/screenshots.js';
import { type RunningServer, startServer } from './helpers/server.js';
import { totp } from './helpers/totp.js';
import { newUser } from './helpers/ui.js';

/**
 * The operator's side of a child-account report: a parent files it through the
 * public form, the operator (made one with `animegen admin grant`, signing in
 * with two factors as the console requires) answers it in the queue, the
 * parent is e-mailed, and the reported account is found and erased. Then the
 * provider account runs dry: the operator sees a banner until fixed.
 */

const dataDir = mkdtempSync(join(tmpdir(), 'animegen-e2e-admin-'));
let server: RunningServer;
let browser: Browser;
let page: Page;

const operator = newUser('operator');
const child = newUser('child');
let childCookie = '';
let dueAt = '';
let secret = '';
const parent = `parent.${Date.now()}@example.test`;

const asChild = (path: string) => fetch(`${server.baseUrl}${path}`, { headers: { cookie: childCookie } });

beforeAll(async () => {
  server = await startServer({}, { dataDir });
  ({ secret } = await twoFactorOnViaApi(server.baseUrl, operator, await verifiedUserViaApi(server.baseUrl, operator)));
  childCookie = (await verifiedUserViaApi(server.baseUrl, child)).join('; ');
  const report = await fetch(`${server.baseUrl}/api/privacy-requests`, {
    method: 'POST',
    headers: { origin: server.baseUrl, 'content-type': 'application/json' },
    body: JSON.stringify({
      kind: 'child_account',
      email: parent,
      message: `My 12-year-old signed up as ${child.email}. Please remove it.`,
    }),
  });
  expect(report.status).toBe(201);
  dueAt = ((await report.json()) as { dueAt: string }).dueAt;
  // PGlite has one owner at a time: grant operator rights while the server is down, as an operator would.
  await server.stop();
  expect(await exitOf(spawnAnimegen('admin', { DATA_DIR: dataDir }, ['grant', operator.email]))).toBe(0);
  // Back up with the provider account out of credits (the simulator's switch), for the alert below.
  server = await startServer({ SIMULATOR_BEHAVIOUR: '{"outOfCredits":true}' }, { dataDir });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the operator console', () => {
  it('is closed to a user without operator rights', async () => {
    const context = await browser.newContext({ baseURL: server.baseUrl, viewport: desktop });
    await signedInViaApi(server.baseUrl, context, 'curious');
    const visitor = await context.newPage();
    await visitor.goto('/admin/privacy-requests');
    await visitor.getByRole('heading', { name: 'Page not found' }).waitFor();
    expect(await visitor.getByTestId('admin-requests').count()).toBe(0);
    expect((await fetch(`${server.baseUrl}/api/admin/privacy-requests`, { headers: { cookie: childCookie } })).status).toBe(403);
    await context.close();
  });

  it('shows the report in the queue with its due date, and e-mails the parent when it moves on', async () => {
    const context = await browser.newContext({ baseURL: server.baseUrl, viewport: desktop });
    page = await context.newPage();
    await page.goto('/sign-in');
    await page.getByLabel('E-mail address').fill(operator.email);
    await page.getByLabel('Password', { exact: true }).fill(operator.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('two-factor-code').fill(totp(secret));
    await page.getByTestId('two-factor-submit').click();
    await page.waitForURL('**/create');
    await page.goto('/settings');
    await page.getByTestId('admin-link').click();
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    await page.getByTestId('console-nav').getByRole('link', { name: 'Privacy requests' }).click();
    await page.getByRole('heading', { name: 'Privacy requests', level: 1 }).waitFor();

    const row = page.getByTestId('admin-request').filter({ hasText: parent });
    await row.waitFor();
    expect(await row.textContent()).toContain(child.email);
    expect(await row.textContent()).toContain('Received');
    // Answer due 30 days after it arrived, shown in the browser's date format.
    expect(Date.parse(dueAt) - Date.now()).toBeGreaterThan(29 * 86_400_000);
    expect(await row.textContent()).toContain(
      await page.evaluate((iso) => new Intl.DateTimeFormat('en', { dateStyle: 'medium' }).format(new Date(iso)), dueAt),
    );
    await screenshot(page, 'admin-queue-desktop');

    await row.getByTestId('edit-request').click();
    await page.getByTestId('request-status-select').selectOption('in_progress');
    await page.getByTestId('request-resolution').fill('We are checking the account now.');
    await page.getByTestId('confirm-update-request').click();
    await page.getByText('Request updated; the requester has been e-mailed').waitFor();
    // It leaves the "Received" list and shows under "In progress".
    await row.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'In progress', exact: true }).click();
    await row.getByText('In progress').waitFor();

    const mail = (await (await fetch(`${server.baseUrl}/api/dev/mail`)).json()) as { messages: { to: string; text: string }[] };
    const toParent = mail.messages.filter((m) => m.to === parent);
    expect(toParent).toHaveLength(1);
    expect(toParent[0]?.text).toContain('We are checking the account now.');
  });

  it('finds the reported account by its e-mail address and erases it, with a reason: its sessions end at once', async () => {
    expect((await asChild('/api/me')).status).toBe(200);
    await page.getByTestId('console-nav').getByRole('link', { name: 'Users' }).click();
    await page.getByTestId('user-search').fill(child.email);
    await page.getByTestId('user-result').filter({ hasText: child.email }).click();
    await page.getByTestId('user-email').filter({ hasText: child.email }).waitFor();
    await page.getByTestId('action-delete').click();
    await page.getByRole('dialog').getByText(child.email).waitFor();
    await page.getByTestId('action-reason').fill('Reported by a parent as a child account');
    await screenshot(page, 'admin-delete-user-desktop', { fullPage: false });
    await page.getByTestId('confirm-dialog-delete').click();
    await page.getByText('Account deleted').waitFor();
    expect((await asChild('/api/me')).status).toBe(401);

    // A second search finds nothing and says so, in plain words.
    await page.getByTestId('user-search').fill(child.email);
    await page.getByText('No account found').waitFor();
  });

  it('alerts the operator when the image provider account runs dry, until it is marked fixed', async () => {
    const maker = newUser('maker');
    const cookie = (await verifiedUserViaApi(server.baseUrl, maker)).join('; ');
    const submitted = await fetch(`${server.baseUrl}/api/generations`, {
      method: 'POST',
      headers: { origin: server.baseUrl, cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ prompt: 'a lantern festival', model: 'nano-banana', aspectRatio: '1:1' }),
    });
    expect(submitted.status).toBe(202);
    const { id } = (await submitted.json()) as { id: string };
    const status = async () =>
      ((await (await fetch(`${server.baseUrl}/api/generations/${id}`, { headers: { cookie } })).json()) as { status: string }).status;
    await expect.poll(status, { timeout: 30_000 }).toBe('failed');

    await page.goto('/gallery');
    const alert = page.getByTestId('operator-alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('out of credits');
    expect(await alert.textContent()).toContain('1 generation failed');
    await screenshot(page, 'operator-alert-desktop', { fullPage: false });
    await alert.getByTestId('resolve-alert').click();
    await alert.waitFor({ state: 'detached' });

    // The user who lost the generation got its credits back.
    const credits = (await (await fetch(`${server.baseUrl}/api/credits`, { headers: { cookie } })).json()) as { balance: number };
    expect(credits.balance).toBe(20);
  });
});
