import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Generation } from '../../src/contracts/api.js';
import { signedInViaApi } from './helpers/api-user.js';
import { desktop, launchBrowser } from './helpers/browser.js';
import { type RunningServer, startServer } from './helpers/server.js';
import { eventually, fillSignUpForm, followMailLink, newUser } from './helpers/ui.js';

/**
 * The small things a newcomer trips over: the lightbox, copying a prompt,
 * deleting one image of a batch, the trash's "delete forever" and "empty",
 * a restore that does not announce "ready" again, the credits page's next
 * step and ledger links, and a re-sent verification link.
 */

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let cookie = '';

/** The signed-in user's API, as their browser would call it. */
async function api<T>(method: string, path: string, body?: object): Promise<T> {
  const res = await fetch(`${server.baseUrl}${path}`, {
    method,
    headers: { cookie, origin: server.baseUrl, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

/** Submits through the API and waits until it has finished. */
async function generated(prompt: string, count = 1): Promise<Generation> {
  const { id } = await api<Generation>('POST', '/api/generations', { prompt, model: 'nano-banana', aspectRatio: '1:1', count });
  let g = await api<Generation>('GET', `/api/generations/${id}`);
  await eventually(async () => {
    g = await api<Generation>('GET', `/api/generations/${id}`);
    return g.status;
  }, 'succeeded');
  return g;
}

const statusOf = (url: string) => fetch(`${server.baseUrl}${url}`, { headers: { cookie } }).then((r) => r.status);
const focusedTestId = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
const lightboxWidth = () => page.getByTestId('lightbox-image').evaluate((img) => img.getBoundingClientRect().width);
const lightboxSrc = () => page.getByTestId('lightbox-image').getAttribute('src');

beforeAll(async () => {
  server = await startServer({ SIMULATOR_DELAY_MS: '200', TRASH_DAYS: '7' });
  browser = await launchBrowser();
  context = await browser.newContext({
    baseURL: server.baseUrl,
    viewport: desktop,
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  page = await context.newPage();
  cookie = (await signedInViaApi(server.baseUrl, context, 'papercuts')).cookie;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('newcomer papercuts', () => {
  let batch: Generation;

  it('opens an image in a lightbox: zoom, arrows through the batch, Escape returns focus', async () => {
    batch = await generated('three foxes under a red torii gate', 3);
    await page.goto(`/g/${batch.id}`);
    await page.getByTestId('detail-image').waitFor();
    await page.getByTestId('open-lightbox').click();
    const dialog = page.getByRole('dialog', { name: 'Image viewer' });
    await dialog.waitFor();
    await page.getByTestId('lightbox-image').waitFor();
    expect(await focusedTestId()).toBe('lightbox-close');

    const before = await lightboxWidth();
    await page.keyboard.press('+');
    await eventually(async () => (await lightboxWidth()) > before * 1.4, true);
    await page.getByTestId('lightbox-zoom-in').click();
    await eventually(async () => (await lightboxWidth()) > before * 2, true);
    await page.keyboard.press('0');
    await eventually(lightboxWidth, before);

    const first = await lightboxSrc();
    expect(first).toBe(batch.images[0]!.previewUrl);
    await page.keyboard.press('ArrowRight');
    await eventually(lightboxSrc, batch.images[1]!.previewUrl);
    expect(await page.getByTestId('lightbox-position').textContent()).toBe('Image 2 of 3');
    await page.getByTestId('lightbox-next').click();
    await eventually(lightboxSrc, batch.images[2]!.previewUrl);
    await page.keyboard.press('ArrowRight');
    await eventually(lightboxSrc, batch.images[0]!.previewUrl);
    await page.keyboard.press('ArrowLeft');
    await eventually(lightboxSrc, batch.images[2]!.previewUrl);

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await focusedTestId()).toBe('open-lightbox');
    // The page shows the image the viewer was on.
    expect(await page.getByTestId('detail-image').getAttribute('src')).toBe(batch.images[2]!.previewUrl);
  });

  it('copies the prompt to the clipboard and says so', async () => {
    await page.getByTestId('copy-prompt').click();
    await eventually(() => page.getByTestId('copy-prompt-status').textContent(), 'Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('three foxes under a red torii gate');
  });

  it('deletes one image of a batch after a confirmation: the others stay, nothing is refunded', async () => {
    const balance = (await api<{ balance: number }>('GET', '/api/credits')).balance;
    await page.getByRole('button', { name: 'Image 2', exact: true }).click();
    await page.getByTestId('delete-image').click();
    await page.getByRole('dialog', { name: 'Delete image 2 of 3?' }).getByText("This can't be undone", { exact: false }).waitFor();
    await page.getByTestId('confirm-delete-image').click();
    await page.getByTestId('toast-success').filter({ hasText: 'Image deleted' }).waitFor();
    await eventually(() => page.getByRole('button', { name: /^Image \d$/ }).count(), 2);
    expect(await statusOf(batch.images[1]!.url)).toBe(404);
    expect(await statusOf(batch.images[0]!.url)).toBe(200);
    expect(await statusOf(batch.images[2]!.url)).toBe(200);
    expect((await api<{ balance: number }>('GET', '/api/credits')).balance).toBe(balance);
  });

  it('restores from the trash without announcing "Your image is ready" again', async () => {
    const g = await generated('a lantern festival');
    await api('DELETE', `/api/generations/${g.id}`);
    await page.goto('/trash');
    await page.locator(`[data-testid="trash-item"][data-id="${g.id}"]`).getByTestId('restore').click();
    await page.getByTestId('toast-success').filter({ hasText: 'Restored to your gallery' }).waitFor();
    // The live stream's notice of the restore has been applied once the gallery shows it.
    await page.goto('/gallery');
    await page.locator(`[data-testid="gallery-item"][data-id="${g.id}"]`).waitFor();
    expect(await page.getByText('Your image is ready').count()).toBe(0);
  });

  it('deletes from the trash forever, and empties it, after confirmations', async () => {
    const [one, two] = [await generated('first to go'), await generated('second to go')];
    await api('DELETE', `/api/generations/${one.id}`);
    await api('DELETE', `/api/generations/${two.id}`);
    await page.goto('/trash');
    await page.locator(`[data-testid="trash-item"][data-id="${one.id}"]`).getByTestId('delete-forever').click();
    const confirm = page.getByRole('dialog', { name: 'Delete forever?' });
    await confirm.getByText("This can't be undone", { exact: false }).waitFor();
    await confirm.getByTestId('confirm-delete-forever').click();
    await page.getByTestId('toast-success').filter({ hasText: 'Deleted for good' }).waitFor();
    await page.locator(`[data-testid="trash-item"][data-id="${one.id}"]`).waitFor({ state: 'detached' });
    expect(await statusOf(one.images[0]!.url)).toBe(404);

    await page.getByTestId('empty-trash').click();
    await page.getByRole('dialog', { name: 'Delete 1 generation forever?' }).waitFor();
    await page.getByTestId('confirm-empty-trash').click();
    await page.getByTestId('toast-success').filter({ hasText: '1 generation deleted for good' }).waitFor();
    await page.getByText('The trash is empty').waitFor();
    expect(await statusOf(two.images[0]!.url)).toBe(404);
    expect((await api<{ items: Generation[] }>('GET', '/api/generations/trash')).items).toEqual([]);
  });

  it('links ledger rows to generations that still exist, and offers "Buy credits" when nothing is affordable', async () => {
    await page.goto('/credits');
    const ledger = page.getByTestId('ledger');
    await ledger.waitFor();
    expect(await page.getByTestId('credits-cta').getAttribute('data-cta')).toBe('create');
    const links = await ledger.getByTestId('ledger-generation-link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    // The batch and the restored one still exist; the two deleted forever are plain text.
    expect(links).toContain(`/g/${batch.id}`);
    expect(await ledger.getByTestId('ledger-entry').count()).toBe(links.length + 3); // the grant and the two deleted

    const { balance } = await api<{ balance: number }>('GET', '/api/credits');
    expect(balance).toBe(8);
    await generated('spend the rest', 4);
    await page.reload();
    await eventually(() => page.getByTestId('credits-cta').getAttribute('data-cta'), 'buy');
    const cta = page.getByTestId('credits-cta');
    expect(await cta.textContent()).toBe('Buy credits');
    await cta.click();
    await eventually(() => page.evaluate(() => location.hash), '#buy');
  });
});

describe('a re-sent verification link', () => {
  it('lands on the "verified, credits added" page like the first', async () => {
    const fresh = await browser.newContext({ baseURL: server.baseUrl, viewport: desktop });
    const p = await fresh.newPage();
    const user = newUser('resent');
    await p.goto('/sign-up');
    await fillSignUpForm(p, user, { confirmAge: true });
    await p.getByTestId('check-email').waitFor();
    // Signing in before verifying sends a fresh link.
    await p.goto('/sign-in');
    await p.getByLabel('E-mail address').fill(user.email);
    await p.getByLabel('Password', { exact: true }).fill(user.password);
    await p.getByRole('button', { name: 'Sign in', exact: true }).click();
    await p.getByText('We sent a fresh link', { exact: false }).waitFor();
    const mails = (await (await fetch(`${server.baseUrl}/api/dev/mail`)).json()) as { messages: { to: string }[] };
    expect(mails.messages.filter((m) => m.to === user.email)).toHaveLength(2);

    await followMailLink(p, user.email, /Confirm your AnimeGen e-mail address/);
    await p.waitForURL('**/verified');
    await p.getByText(`Welcome, ${user.name}! 20 credits have been added to your account.`).waitFor();
    await fresh.close();
  });
});
