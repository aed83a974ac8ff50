import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { makeImage, submit, upload, waitForTerminal } from '../helpers/generations.js';
import { cookieHeader, followLink, givenVerifiedUser, latestLink } from '../helpers/users.js';

describe('nothing secret or personal leaks', () => {
  let t: TestApp;
  let logs = '';
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _enc, done) {
        logs += chunk;
        done();
      },
    });
    t = await buildTestApp({
      logTo: sink,
      env: { LOG_LEVEL: 'debug', KIE_WEBHOOK_HMAC_KEY: 'whsec-hmac-key-value', METRICS_TOKEN: 'metrics-token-value' },
    });
  });
  afterAll(() => t.close());

  it('keeps passwords, session tokens, one-time links and secrets out of the logs, and a prompt cannot forge log lines', async () => {
    const user = await givenVerifiedUser(t, { password: 'my secret passphrase 42', name: 'Log Person' });
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in/email',
      headers: { origin: t.origin },
      payload: { email: user.email, password: user.password },
    });
    const token = cookieHeader(signIn.headers['set-cookie']).split('=')[1]!.split('.')[0]!;
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/request-password-reset',
      headers: { origin: t.origin },
      payload: { email: user.email, redirectTo: '/reset-password' },
    });
    const resetLink = latestLink(t, user.email, '/reset-password');
    await followLink(t, resetLink);
    await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: user.cookie } });
    const forged = 'nice\n{"level":50,"msg":"FORGED LOG LINE"}';
    await waitForTerminal(t, user, (await submit(t, user, { prompt: forged })).json().id);
    await waitForTerminal(t, user, (await submit(t, user, { prompt: 'card 4242 4242 4242 4242 [sim:fail]' })).json().id);

    expect(logs.length).toBeGreaterThan(1000);
    const resetToken = new URL(resetLink).pathname.split('/').pop()!;
    for (const secret of [user.password, token, resetToken, 'whsec-hmac-key-value', 'metrics-token-value', t.config.auth.secret.reveal()]) {
      expect(logs.includes(secret), `a secret reached the logs: ${secret.slice(0, 6)}…`).toBe(false);
    }
    // No card-like numbers (grouped digits; plain 13-digit runs are our millisecond timestamps).
    expect(logs).not.toMatch(/\b\d{4}[ -]\d{4}[ -]\d{4}[ -]\d{1,7}\b/);
    expect(logs).not.toContain('4242424242424242');
    for (const line of logs.trim().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
    expect(logs.split('\n').some((l) => l.startsWith('{"level":50,"msg":"FORGED'))).toBe(false);
  });

  it('sends the image provider the prompt and images only: no e-mail, name or account id', async () => {
    const user = await givenVerifiedUser(t, { name: 'Very Unique Name' });
    const ref = (await upload(t, user, await makeImage('png'))).json();
    await waitForTerminal(
      t,
      user,
      (await submit(t, user, { prompt: 'a lighthouse', model: 'nano-banana-2', referenceUploadIds: [ref.id] })).json().id,
    );
    const sent = JSON.stringify(t.deps.simulator!.tasks());
    expect(sent).toContain('a lighthouse');
    for (const pii of [user.email, 'Very Unique Name', user.id]) expect(sent.includes(pii), pii).toBe(false);
  });
});
