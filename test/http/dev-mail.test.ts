/**
 * The dev mailbox shows every user's mail, password-reset links included:
 * it exists only on a server that listens on this machine alone, outside
 * production. Listening on all interfaces without SMTP, mail goes to the log.
 */

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { signUp, uniqueEmail } from '../helpers/users.js';

describe('the dev mailbox', () => {
  it('is on for a server listening on loopback: page and API', async () => {
    const t = await buildTestApp({ worker: false });
    try {
      expect(t.deps.mailDelivery).toBe('dev-mailbox');
      expect((await t.app.inject({ method: 'GET', url: '/api/dev/mail' })).statusCode).toBe(200);
      expect((await t.app.inject({ method: 'GET', url: '/api/meta' })).json().devMail).toBe(true);
    } finally {
      await t.close();
    }
  });

  describe('on a server other machines can reach (HOST=0.0.0.0, no SMTP)', () => {
    let t: TestApp;
    let app: Awaited<ReturnType<typeof buildApp>>;
    const lines: string[] = [];
    beforeAll(async () => {
      const logTo = new Writable({
        write(chunk, _enc, done) {
          lines.push(String(chunk));
          done();
        },
      });
      t = await buildTestApp({ worker: false, env: { HOST: '0.0.0.0', LOG_LEVEL: 'info' }, logTo });
      const root = mkdtempSync(join(tmpdir(), 'animegen-web-'));
      writeFileSync(join(root, 'index.html'), '<!doctype html><title>AnimeGen</title>');
      app = await buildApp(t.deps, { webRoot: root });
    });
    afterAll(async () => {
      await app?.close();
      await t?.close();
    });

    it('answers 404 for the mailbox page and its API, and the app says there is none', async () => {
      expect(t.deps.devMailbox).toBeNull();
      expect((await app.inject({ method: 'GET', url: '/api/dev/mail' })).statusCode).toBe(404);
      expect((await app.inject({ method: 'GET', url: '/dev/mail' })).statusCode).toBe(404);
      // Other client-side pages are still the app.
      expect((await app.inject({ method: 'GET', url: '/gallery' })).statusCode).toBe(200);
      expect((await app.inject({ method: 'GET', url: '/api/meta' })).json().devMail).toBe(false);
    });

    it('writes e-mail to the log only, where the operator can read it', async () => {
      const email = uniqueEmail();
      expect((await signUp(t, { email, password: 'long enough pw', name: 'Log', ageConfirmed: true })).statusCode).toBe(200);
      expect(t.deps.mailDelivery).toBe('log');
      expect(lines.some((l) => l.includes('e-mail written to the log only') && l.includes('Confirm your AnimeGen e-mail address'))).toBe(
        true,
      );
    });
  });
});
