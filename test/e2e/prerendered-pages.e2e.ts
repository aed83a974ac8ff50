import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInViaApi, verifiedUserViaApi } from './helpers/api-user.js';
import { launchBrowser, phone } from './helpers/browser.js';
import { type RunningServer, startServer } from './helpers/server.js';
import { newUser } from './helpers/ui.js';

/**
 * The public pages as the build renders them: readable before any script runs
 * (and with none), in the visitor's language, then taken over by the app
 * without a hydration error; each language's strings load only when used.
 *
 * The browser is handed each prerendered file in place of the page the server
 * sends, keeping the server's headers (its Content-Security-Policy included),
 * so these tests hold whether or not the server itself answers with the files.
 */

const web = 'dist/web';
type Lang = 'en' | 'ja';
/** Page → prerendered file, per language; read once the build exists (listing the tests needs none). */
const maps = {} as Record<Lang, Record<string, string>>;

/** What a reader sees first on each page, per language. */
const expected: Record<string, Record<Lang, string>> = {
  '/': { en: 'Start creating for free', ja: '無料ではじめる' },
  '/sign-in': { en: 'Welcome back', ja: 'おかえりなさい' },
  '/sign-up': { en: 'Create your account', ja: 'アカウントを作成' },
  '/privacy': { en: 'Privacy policy', ja: 'プライバシーポリシー' },
  '/terms': { en: 'Terms of use', ja: '利用規約' },
  '/cookies': { en: 'Cookies', ja: 'Cookie について' },
};

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  maps.en = JSON.parse(readFileSync(join(web, 'prerendered.json'), 'utf8'));
  maps.ja = JSON.parse(readFileSync(join(web, 'prerendered.ja.json'), 'utf8'));
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A browser context whose page loads get the prerendered file of `lang` (as the server picks it by the `lang` cookie). */
async function contextWithPrerendered(
  lang: Lang,
  options: { javaScriptEnabled?: boolean; locale?: string; edit?: (html: string) => string } = {},
): Promise<BrowserContext> {
  const { edit = (html: string) => html, ...contextOptions } = options;
  const context = await browser.newContext({ baseURL: server.baseUrl, viewport: phone, ...contextOptions });
  await context.route('**/*', async (route) => {
    const request = route.request();
    const file = request.resourceType() === 'document' ? maps[lang][new URL(request.url()).pathname] : undefined;
    if (!file) return route.continue();
    const response = await route.fetch();
    await route.fulfill({ response, body: edit(readFileSync(join(web, file), 'utf8')) });
  });
  return context;
}

/**
 * Console errors and uncaught exceptions (React reports a hydration mismatch as
 * one of these), except the browser's note on the visitor's expected 401 from /api/me.
 */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().includes('status of 401')) errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/**
 * Opens `path` and waits for hydration: the session is asked only once the page
 * is hydrated, and a round trip into the page after that brings every error
 * React reported while hydrating.
 */
async function openHydrated(page: Page, path: string): Promise<void> {
  await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/me')), page.goto(path)]);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
}

/**
 * Answers `GET path` from memory, before any network round trip: the answer is
 * in the app's cache before React reaches the page's own part, which it
 * hydrates in a pass after the root's first commit.
 */
async function answerFromMemory(context: BrowserContext, path: string, body: unknown): Promise<void> {
  await context.addInitScript(
    ({ path, json }) => {
      const real = window.fetch;
      window.fetch = (input, init) =>
        String(input).endsWith(path)
          ? Promise.resolve(new Response(json, { headers: { 'content-type': 'application/json' } }))
          : real(input, init);
    },
    { path, json: JSON.stringify(body) },
  );
}

const requestedChunks = (page: Page): string[] => {
  const chunks: string[] = [];
  page.on('request', (r) => {
    const name = /\/assets\/(en|ja)-[\w-]+\.js$/.exec(r.url())?.[1];
    if (name) chunks.push(name);
  });
  return chunks;
};

describe('prerendered public pages', () => {
  it('lists every public page in both languages', () => {
    for (const lang of ['en', 'ja'] as const) {
      expect(Object.keys(maps[lang]).sort()).toEqual(Object.keys(expected).sort());
    }
  });

  for (const lang of ['en', 'ja'] as const) {
    it(`shows each page in ${lang} with JavaScript turned off`, async () => {
      const context = await contextWithPrerendered(lang, { javaScriptEnabled: false });
      const page = await context.newPage();
      for (const [path, text] of Object.entries(expected)) {
        await page.goto(path);
        expect(await page.locator('html').getAttribute('lang'), path).toBe(lang);
        await page.getByText(text[lang], { exact: true }).first().waitFor({ state: 'visible', timeout: 5_000 });
      }
      // The forms are there before any script, labelled in the page's language.
      await page.goto('/sign-in');
      await page.getByLabel(lang === 'en' ? 'E-mail address' : 'メールアドレス').waitFor({ timeout: 5_000 });
      await context.close();
    });
  }

  it('hydrates every page in both languages without a React error', async () => {
    for (const lang of ['en', 'ja'] as const) {
      const context = await contextWithPrerendered(lang, { locale: lang === 'ja' ? 'ja-JP' : 'en-US' });
      const page = await context.newPage();
      const errors = collectErrors(page);
      for (const path of Object.keys(expected)) {
        await openHydrated(page, path);
        await page
          .getByText(expected[path]?.[lang] ?? '', { exact: true })
          .first()
          .waitFor();
      }
      expect(errors.join('\n'), lang).toBe('');
      await context.close();
    }
  });

  it("matches its HTML when the server's facts arrive before the page hydrates, and shows them right after", async () => {
    const meta = await (await fetch(`${server.baseUrl}/api/meta`)).json();
    const context = await contextWithPrerendered('en');
    await answerFromMemory(context, '/api/meta', meta);
    const page = await context.newPage();
    const errors = collectErrors(page);
    // Both pages whose text names the sign-up grant; a few loads each, as which comes first varies.
    for (let load = 0; load < 5; load++) {
      await openHydrated(page, '/');
      await page.getByText(`${meta.signupCredits} free credits when you verify`, { exact: false }).waitFor();
      await openHydrated(page, '/sign-up');
      await page.getByText(`You get ${meta.signupCredits} free credits`, { exact: false }).waitFor();
    }
    expect(errors.join('\n')).toBe('');
    await context.close();
  });

  it('reports a page that does not match what the app renders (so the check above can fail)', async () => {
    const context = await contextWithPrerendered('en', { edit: (html) => html.replace('>Welcome back<', '>Welcome home<') });
    const page = await context.newPage();
    const errors = collectErrors(page);
    await openHydrated(page, '/sign-in');
    // React reports the mismatch when it commits the page it rendered instead, which a loaded machine may reach later.
    await expect.poll(() => errors.length, { timeout: 10_000 }).toBeGreaterThan(0);
    await context.close();
  });

  it('is the app once hydrated: the sign-in form answers typing', async () => {
    const context = await contextWithPrerendered('en');
    const page = await context.newPage();
    await openHydrated(page, '/sign-in');
    const submit = page.getByRole('button', { name: 'Sign in', exact: true });
    expect(await submit.isDisabled()).toBe(true);
    await page.getByLabel('E-mail address').fill('someone@example.test');
    await page.getByLabel('Password', { exact: true }).fill('a password');
    await expect.poll(() => submit.isEnabled()).toBe(true);
    await context.close();
  });

  it('loads only the language it shows, and turns to the device language after hydrating', async () => {
    // An English page for a device whose saved language is Japanese (no language cookie yet).
    const context = await contextWithPrerendered('en');
    await context.addInitScript(() => {
      if (!localStorage.getItem('animegen.locale')) localStorage.setItem('animegen.locale', 'ja');
    });
    const page = await context.newPage();
    const errors = collectErrors(page);
    const chunks = requestedChunks(page);
    await page.goto('/sign-in');
    await page.getByRole('heading', { name: 'おかえりなさい' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ja');
    expect(chunks.sort()).toEqual(['en', 'ja']);
    expect(errors).toEqual([]);
    // The server is told, for the next page.
    expect((await context.cookies()).find((c) => c.name === 'lang')?.value).toBe('ja');
    await context.close();
  });
});

describe('switching language', () => {
  it('fetches the other language only when the user switches to it', async () => {
    const user = newUser('prerender');
    await verifiedUserViaApi(server.baseUrl, user);
    const context = await contextWithPrerendered('en', { locale: 'en-US' });
    const page = await context.newPage();
    const chunks = requestedChunks(page);
    await page.goto('/sign-in');
    await page.getByLabel('E-mail address').fill(user.email);
    await page.getByLabel('Password', { exact: true }).fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).last().click();
    await page.waitForURL('**/create');
    await page.goto('/settings');
    await page.getByTestId('locale-select').waitFor();
    expect(chunks).toContain('en');
    expect(chunks).not.toContain('ja');

    await page.getByTestId('locale-select').selectOption('ja');
    await page.getByRole('heading', { name: '設定', level: 1 }).waitFor();
    expect(chunks).toContain('ja');
    expect((await context.cookies()).find((c) => c.name === 'lang')?.value).toBe('ja');
    await context.close();
  });
});

describe('a signed-in screen before its script', () => {
  it('paints its frame (header, title, the prompt box where it will be) with no script, and the app replaces it with the screen', async () => {
    const off = await browser.newContext({ baseURL: server.baseUrl, viewport: phone, javaScriptEnabled: false });
    await signedInViaApi(server.baseUrl, off, 'frame-off');
    const still = await off.newPage();
    await still.goto('/create');
    await still.getByRole('link', { name: 'AnimeGen home' }).waitFor({ state: 'visible', timeout: 5_000 });
    await still.getByRole('heading', { name: 'Create', level: 1 }).waitFor({ state: 'visible' });
    expect(await still.locator('main[id="main"] [aria-busy="true"]').count()).toBe(1);
    const framed = still.getByRole('textbox', { name: 'Prompt' });
    expect(await framed.getAttribute('readonly')).not.toBeNull();
    const framedBox = await framed.boundingBox();
    await off.close();

    const on = await browser.newContext({ baseURL: server.baseUrl, viewport: phone });
    await signedInViaApi(server.baseUrl, on, 'frame-on');
    const page = await on.newPage();
    const errors = collectErrors(page);
    await page.goto('/create');
    await page.getByTestId('prompt-input').waitFor();
    // Replaced, not added to: one header, one main, the screen in it.
    expect(await page.locator('header').count()).toBe(1);
    expect(await page.locator('main').count()).toBe(1);
    expect(await page.locator('[aria-busy="true"]').count()).toBe(0);
    // The prompt box the form draws is the one the frame showed: same place, same size.
    expect(await page.getByTestId('prompt-input').boundingBox()).toEqual(framedBox);
    expect(errors.join('\n')).toBe('');
    await on.close();
  });

  it("shows the gallery's title and what it holds before its script", async () => {
    const off = await browser.newContext({ baseURL: server.baseUrl, viewport: phone, javaScriptEnabled: false });
    await signedInViaApi(server.baseUrl, off, 'frame-gallery');
    const still = await off.newPage();
    await still.goto('/gallery');
    await still.getByRole('heading', { name: 'Gallery', level: 1 }).waitFor({ state: 'visible', timeout: 5_000 });
    await still.getByText('Everything you have created, newest first.', { exact: false }).waitFor({ state: 'visible' });
    await off.close();
  });
});
