import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { newWebhookSecret, signPayload } from './sign-payload.js';

describe('webhook signing (Standard Webhooks v1)', () => {
  const body = JSON.stringify({ type: 'credits.low', timestamp: '2026-12-07T12:00:00.000Z', data: { balance: 4, threshold: 10 } });

  it('makes secrets in the whsec_ format, each one new', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(newWebhookSecret()).not.toBe(secret);
  });

  it('gives the header the reference library verifies, and the same one it signs', () => {
    const secret = newWebhookSecret();
    const now = new Date();
    const timestamp = Math.floor(now.getTime() / 1000);
    const signature = signPayload(secret, { id: 'msg_1', timestamp, body });
    const hook = new Webhook(secret);
    expect(signature).toBe(hook.sign('msg_1', now, body));
    expect(hook.verify(body, { 'webhook-id': 'msg_1', 'webhook-timestamp': String(timestamp), 'webhook-signature': signature })).toEqual(
      JSON.parse(body),
    );
  });

  it('fails verification for another secret, another id, another body or another time', () => {
    const secret = newWebhookSecret();
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = {
      'webhook-id': 'msg_1',
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signPayload(secret, { id: 'msg_1', timestamp, body }),
    };
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow();
    expect(() => new Webhook(secret).verify(body, { ...headers, 'webhook-id': 'msg_2' })).toThrow();
    expect(() => new Webhook(secret).verify(body.replace('4', '5'), headers)).toThrow();
    expect(() => new Webhook(secret).verify(body, { ...headers, 'webhook-timestamp': String(timestamp + 1) })).toThrow();
  });
});
