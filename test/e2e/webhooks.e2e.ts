import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signedInViaApi } from './helpers/api-user.js';
import { desktop, launchBrowser } from './helpers/browser.js';
import { type RunningServer, startServer } from './helpers/server.js';

/**
 * Settings › Webhooks: add an endpoint pointing at a receiver on this
 * machine (WEBHOOK_ALLOW_INSECURE, development), copy the secret shown once,
 * make a generation, and see its delivery delivered; the receiver verifies
 * the signature with that secret.
 */

let server: RunningServer;
let browser: Browser;
const received: { headers: IncomingHttpHeaders; body: string }[] = [];
const receiver = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    received.push({ headers: req.headers, body });
    res.writeHead(204).end();
  });
});

beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  server = await startServer({ WEBHOOK_ALLOW_INSECURE: '1' });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  receiver.close();
});

it('adds an endpoint in Settings, shows its secret once, and lists the delivery of a finished generation', async () => {
  const context = await browser.newContext({ baseURL: server.baseUrl, viewport: desktop });
  const user = await signedInViaApi(server.baseUrl, context, 'hooks');
  const page = await context.newPage();
  await page.goto('/settings#webhooks');
  const section = page.getByTestId('webhooks');
  const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/animegen`;
  await section.getByLabel('Endpoint URL').fill(hookUrl);
  await expect.poll(() => section.getByLabel('Generation succeeded').isChecked()).toBe(true);
  await section.getByRole('button', { name: 'Add endpoint' }).click();
  const secret = (await page.getByTestId('webhook-secret').textContent()) ?? '';
  expect(secret).toMatch(/^whsec_/);
  await expect.poll(() => section.getByTestId('webhook').count()).toBe(1);

  const submitted = await fetch(`${server.baseUrl}/api/generations`, {
    method: 'POST',
    headers: { origin: server.baseUrl, cookie: user.cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ prompt: 'a paper crane', model: 'nano-banana', aspectRatio: '1:1' }),
  });
  expect(submitted.status).toBe(202);
  await expect.poll(() => received.length, { timeout: 30_000 }).toBe(1);
  const [got] = received;
  expect(new Webhook(secret).verify(got!.body, got!.headers as Record<string, string>)).toMatchObject({ type: 'generation.succeeded' });

  await section.getByRole('button', { name: 'Deliveries' }).click();
  const delivery = section.getByTestId('webhook-delivery');
  await expect.poll(() => delivery.textContent()).toMatch(/Delivered.*Generation succeeded.*HTTP 204/);
  await expect.poll(() => delivery.getByRole('button', { name: 'Re-send' }).isVisible()).toBe(true);
  await context.close();
});
