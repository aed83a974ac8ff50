import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, safeUrl } from './logger.js';

describe('logger', () => {
  it('removes one-time tokens from logged URLs', () => {
    expect(safeUrl('/api/auth/verify-email?token=abc.def&callbackURL=/verified')).toBe(
      '/api/auth/verify-email?token=[redacted]&callbackURL=[redacted]',
    );
    expect(safeUrl('/api/auth/reset-password/XYZ123?callbackURL=/reset')).toBe(
      '/api/auth/reset-password/[redacted]?callbackURL=[redacted]',
    );
    expect(safeUrl('/api/generations?cursor=abc')).toBe('/api/generations?cursor=abc');
  });

  it('never writes passwords, cookies or authorization headers', () => {
    let out = '';
    const sink = new Writable({
      write(chunk, _enc, cb) {
        out += chunk;
        cb();
      },
    });
    const log = createLogger('info', sink);
    log.info(
      { password: 'hunter2hunter2', body: { newPassword: 'n3w-secret-pw' }, headers: { cookie: 'animegen.session_token=s3cr3t' } },
      'x',
    );
    log.info({ req: { method: 'GET', url: '/api/auth/verify-email?token=t0k3n', headers: { cookie: 'c00kie' } } }, 'request');
    for (const secret of ['hunter2hunter2', 'n3w-secret-pw', 's3cr3t', 't0k3n', 'c00kie']) expect(out).not.toContain(secret);
  });
});
