import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exitOf, spawnAnimegen } from '../helpers/process.js';
import { twoFactorOnViaApi, verifiedUserViaApi } from './helpers/api-user.js';
import { desktop, launchBrowser } from './helpers/browser.js';
import { screenshot } from './helpers/screenshots.js';
import { type RunningServer, startServer } from './helpers/server.js';
import { newUser } from './helpers/ui.js';

/**
 * Help & support, both sides: a user whose generation failed asks for help
 * from the generation's page, an operator with the support role (two-factor
 * on, as the console requires) answers from the inbox, and the user reads the
 * answer in the thread, having been e-mailed that there is one.
 */

const dataDir = mkdtempSync(join(tmpdir(), 'animegen-e2e-support-'));
let server: RunningServer;
let browser: Browser;
const user = newUser('asker');
const agent = newUser('agent');
let userCookies: string[] = [];
let agentCookies: string[] = [];
let generationId = '';

const post = (path: string, cookies: string[], body: object) =>
  fetch(`${server.baseUrl}${path}`, {
    method: 'POST',
    headers: { origin: server.baseUrl, cookie: cookies.join('; '), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

async function contextWith(cookies: string[]): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: server.baseUrl, viewport: desktop });
  await context.addCookies(
    cookies.map((c) => {
      const at = c.indexOf('=');
      return { name: c.slice(0, at), value: c.slice(at + 1), url: server.baseUrl };
    }),
  );
  return context;
}

beforeAll(async () => {
  // The provider account is out of credits (the simulator's switch): every generation fails and is refunded.
  const env = { SIMULATOR_BEHAVIOUR: '{"outOfCredits":true}' };
  server = await startServer(env, { dataDir });
  userCookies = await verifiedUserViaApi(server.baseUrl, user);
  ({ cookies: agentCookies } = await twoFactorOnViaApi(server.baseUrl, agent, await verifiedUserViaApi(server.baseUrl, agent)));
  const submitted = await post('/api/generations', userCookies, { prompt: 'a lantern festival', model: 'nano-banana', aspectRatio: '1:1' });
  expect(submitted.status).toBe(202);
  generationId = ((await submitted.json()) as { id: string }).id;
  const status = async () =>
    (
      (await (
        await fetch(`${server.baseUrl}/api/generations/${generationId}`, { headers: { cookie: userCookies.join('; ') } })
      ).json()) as {
        status: string;
      }
    ).status;
  for (let i = 0; i < 300 && (await status()) !== 'failed'; i++) await sleep(100);
  expect(await status()).toBe('failed');
  // PGlite has one owner at a time: give the support role while the server is down, as an operator would.
  await server.stop();
  expect(await exitOf(spawnAnimegen('admin', { DATA_DIR: dataDir }, ['grant', agent.email, '--role', 'support']))).toBe(0);
  server = await startServer(env, { dataDir });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('help & support', () => {
  const subject = 'My lantern picture failed';
  const answer = 'Our image provider had a problem; your credits were refunded. Please try again now.';
  let requestId = '';

  it('lets a user ask for help with a failed generation from its page', async () => {
    const context = await contextWith(userCookies);
    const page = await context.newPage();
    await page.goto(`/g/${generationId}`);
    await page.getByTestId('get-help').click();
    await page.waitForURL(/\/support\?generation=/);
    expect(await page.getByTestId('support-category').inputValue()).toBe('generation');
    expect(await page.getByTestId('support-linked-generation').locator('input').isChecked()).toBe(true);
    await page.getByTestId('support-subject').fill(subject);
    await page.getByTestId('support-message').fill('It failed straight away. Was I charged?');
    await page.getByTestId('support-submit').click();
    await page.waitForURL(/\/support\/[0-9a-f-]{36}$/);
    requestId = page.url().split('/').at(-1) ?? '';
    await page.getByTestId('support-subject-heading').filter({ hasText: subject }).waitFor();
    expect(await page.getByTestId('support-status').getAttribute('data-status')).toBe('open');
    await screenshot(page, 'support-request-desktop', { fullPage: false });
    await context.close();
  });

  it('shows the request in the operator’s inbox, where the answer is written', async () => {
    const context = await contextWith(agentCookies);
    const page = await context.newPage();
    await page.goto('/settings#operator');
    await page.getByTestId('admin-link').click();
    await page.getByTestId('console-nav').getByRole('link', { name: 'Support' }).click();
    await page.waitForURL(/\/admin\/support/);
    await page.locator(`[data-testid="support-inbox-row"][data-id="${requestId}"]`).click();
    const thread = page.getByTestId('support-inbox-thread');
    await thread.getByText('Was I charged?').waitFor();
    expect(await thread.textContent()).toContain(user.email);
    await thread.getByTestId('support-reply').fill(answer);
    await thread.getByTestId('support-reply-send').click();
    await thread.locator('[data-testid="support-status"][data-status="answered"]').waitFor();
    await screenshot(page, 'support-inbox-desktop', { fullPage: false });
    await context.close();
  });

  it('tells the user by e-mail, and the answer is in their thread', async () => {
    const mailbox = async () => {
      const mail = (await (await fetch(`${server.baseUrl}/api/dev/mail`)).json()) as {
        messages: { to: string; text?: string; links: string[] }[];
      };
      return mail.messages.filter((m) => m.to === user.email && m.links.some((l) => l.includes(`/support/${requestId}`)));
    };
    await expect.poll(async () => (await mailbox()).length, { timeout: 20_000 }).toBe(1);
    expect(JSON.stringify(await mailbox())).not.toContain('refunded');

    const context = await contextWith(userCookies);
    const page = await context.newPage();
    await page.goto(`/support/${requestId}`);
    const fromSupport = page.locator('[data-testid="support-message"][data-author="operator"]');
    await fromSupport.waitFor();
    expect(await fromSupport.textContent()).toContain(answer);
    expect(await page.getByTestId('support-status').getAttribute('data-status')).toBe('answered');
    await page.goto('/support');
    await page.getByTestId('my-support-request').filter({ hasText: subject }).waitFor();
    await context.close();
  });
});
