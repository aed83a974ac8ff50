import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StripeFake, startStripeFake } from '../fakes/stripe-fake.js';
import { signedInViaApi } from './helpers/api-user.js';
import { desktop, launchBrowser } from './helpers/browser.js';
import { screenshot } from './helpers/screenshots.js';
import { type RunningServer, startServer } from './helpers/server.js';

/**
 * The Credits page in the two states the purchase journey never reaches:
 * a server without payments, and an account in debt after a dispute.
 */

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

async function openSignedIn(server: RunningServer, tag: string): Promise<{ context: BrowserContext; page: Page; cookie: string }> {
  const context = await browser.newContext({ baseURL: server.baseUrl, viewport: desktop });
  const { cookie } = await signedInViaApi(server.baseUrl, context, tag);
  return { context, page: await context.newPage(), cookie };
}

describe('a server without Stripe keys', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server?.stop());

  it('says plainly on the Credits page that payments are not set up, and offers nothing to buy', async () => {
    const { context, page } = await openSignedIn(server, 'nopay');
    await page.goto('/credits');
    const notice = page.getByTestId('billing-disabled');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('Payments are not set up on this server');
    expect(await page.getByTestId('packs').count()).toBe(0);
    await screenshot(page, 'credits-billing-disabled-desktop');
    await context.close();
  });
});

describe('an account whose purchase was disputed after its credits were spent', () => {
  const keys = { secretKey: 'sk_test_states', webhookSecret: 'whsec_states' };
  let stripe: StripeFake;
  let server: RunningServer;
  beforeAll(async () => {
    stripe = await startStripeFake(keys);
    server = await startServer({
      STRIPE_SECRET_KEY: keys.secretKey,
      STRIPE_WEBHOOK_SECRET: keys.webhookSecret,
      STRIPE_API_BASE: stripe.url,
    });
  });
  afterAll(async () => {
    await server?.stop();
    await stripe?.close();
  });

  it('shows the debt with its reason, and creating is refused until there are credits again', async () => {
    const { context, page, cookie } = await openSignedIn(server, 'debt');
    const api = (path: string, body: unknown) =>
      fetch(`${server.baseUrl}${path}`, {
        method: 'POST',
        headers: { cookie, origin: server.baseUrl, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const { url } = (await (await api('/api/billing/checkout', { packId: 'small' })).json()) as { url: string };
    const sessionId = new URL(url).pathname.split('/').at(-1) ?? '';
    stripe.pay(sessionId);
    const webhookUrl = `${server.baseUrl}/api/billing/webhook`;
    expect((await stripe.deliver(stripe.event('checkout.session.completed', sessionId), { url: webhookUrl })).status).toBe(200);
    // 120 credits; seven generations of 16 leave 8.
    for (let i = 0; i < 7; i++) {
      const res = await api('/api/generations', { prompt: `spent ${i}`, model: 'nano-banana-2', aspectRatio: '1:1', count: 4 });
      expect(res.status).toBe(202);
    }
    stripe.state.dispute(sessionId);
    expect((await stripe.deliver(stripe.event('charge.dispute.created', sessionId), { url: webhookUrl })).status).toBe(200);

    await page.goto('/credits');
    const banner = page.getByTestId('debt-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('Your balance is -92 credits.');
    await page.getByText('Payment disputed').waitFor();
    await page.getByTestId('purchase').getByText('Disputed').waitFor();
    await screenshot(page, 'credits-disputed-desktop');

    // The Create page says why nothing can be made, and the server refuses anyway (402).
    await page.goto('/create');
    await page.getByTestId('debt-banner').waitFor();
    await page.getByText('Not enough credits: you have -92.').waitFor();
    expect(await page.getByTestId('submit-generation').isDisabled()).toBe(true);
    await screenshot(page, 'create-in-debt-desktop', { fullPage: false });
    const refused = await api('/api/generations', { prompt: 'one more', model: 'nano-banana', aspectRatio: '1:1' });
    expect(refused.status).toBe(402);
    await context.close();
  });
});
