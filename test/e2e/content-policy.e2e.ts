import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInViaApi } from './helpers/api-user.js';
import { desktop, launchBrowser } from './helpers/browser.js';
import { type RunningServer, startServer } from './helpers/server.js';

/**
 * A prompt the content policy refuses, as a user meets it on Create: the rule
 * in their language under the prompt, nothing charged, and the message gone
 * as soon as the prompt is edited.
 */

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let account: { email: string; password: string };

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  context = await browser.newContext({ baseURL: server.baseUrl, viewport: desktop });
  page = await context.newPage();
  const { cookie, email, password } = await signedInViaApi(server.baseUrl, context, 'policy');
  account = { email, password };
  // The account reads Japanese (as chosen in Settings).
  const chosen = await fetch(`${server.baseUrl}/api/me`, {
    method: 'PATCH',
    headers: { cookie, origin: server.baseUrl, 'content-type': 'application/json' },
    body: JSON.stringify({ locale: 'ja' }),
  });
  if (!chosen.ok) throw new Error(`PATCH /api/me: ${chosen.status}`);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('content policy on Create', () => {
  it('names the rule in the user’s language under the prompt, charges nothing, and clears when the prompt changes', async () => {
    await page.goto('/create');
    const balance = page.getByTestId('balance');
    await balance.waitFor();
    const before = await balance.textContent();
    await page.getByTestId('prompt-input').fill('adult woman, nude');
    await page.getByTestId('submit-generation').click();
    const refusal = page.getByText('このアカウントでは露骨な性的表現は許可されていません', { exact: false });
    await refusal.waitFor();
    expect(await balance.textContent()).toBe(before);
    // The words that matched are not named back.
    expect(await refusal.textContent()).not.toMatch(/adult|nude/i);
    await page.getByTestId('prompt-input').fill('a fox spirit in a lantern-lit shrine');
    await refusal.waitFor({ state: 'detached' });
  });

  it('turns mature content on in Settings only with the 18+ confirmation; explicit prompts then go through, minors never', async () => {
    await page.goto('/settings');
    const on = page.getByTestId('mature-on');
    expect(await on.isDisabled()).toBe(true);
    await page.getByTestId('mature-confirm-adult').check();
    await on.click();
    await page.getByTestId('mature-content-state').waitFor();
    expect(await page.getByTestId('mature-content-state').textContent()).toMatch(/からオン/);

    await page.goto('/create');
    await page.getByTestId('prompt-input').fill('adult woman, nude, bedroom');
    const [accepted] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/generations') && r.request().method() === 'POST'),
      page.getByTestId('submit-generation').click(),
    ]);
    expect(accepted.status()).toBe(202);
  });

  it('suspends the account for minors in sexual content, and sign-in then says why and how to appeal', async () => {
    await page.goto('/create');
    await page.getByTestId('prompt-input').fill('loli, nude');
    await page.getByTestId('submit-generation').click();
    await page.getByText('アカウントは運営者の確認が終わるまで停止されます', { exact: false }).waitFor();

    // The session has ended: the next screen asks to sign in, and signing in is refused with the reason.
    await page.goto('/create');
    await page.waitForURL(/\/sign-in/);
    await page.getByLabel('メールアドレス').fill(account.email);
    await page.getByLabel('パスワード', { exact: true }).fill(account.password);
    await page.getByRole('button', { name: 'ログイン', exact: true }).click();
    await page.getByText('このアカウントは運営者の確認が終わるまで停止されています', { exact: false }).waitFor();
  });
});
