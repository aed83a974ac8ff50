import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { hashParams, hashPassword, OWASP_SCRYPT, verifyPassword } from './password.js';
import { isCommonPassword } from './password-policy.js';

describe('password hashing', () => {
  it("meets OWASP's scrypt floor (N=2^17, r=8, p=1) and verifies", async () => {
    const started = performance.now();
    const hash = await hashPassword('correct horse battery staple', OWASP_SCRYPT);
    const ms = performance.now() - started;
    const p = hashParams(hash);
    expect(p.N).toBeGreaterThanOrEqual(2 ** 17);
    expect(p.r).toBeGreaterThanOrEqual(8);
    expect(p.p).toBeGreaterThanOrEqual(1);
    expect(await verifyPassword(hash, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(hash, 'correct horse battery stapler')).toBe(false);
    console.log(`scrypt N=2^17 r=8 p=1: ${ms.toFixed(0)} ms per hash`);
  });

  it('uses the OWASP cost unless the test-only fast hash is on, which production refuses', () => {
    expect(loadConfig({}).auth.passwordHash).toBe('owasp');
    expect(loadConfig({ NODE_ENV: 'production', AUTH_SECRET: 'x'.repeat(40) }).auth.passwordHash).toBe('owasp');
    expect(() => loadConfig({ NODE_ENV: 'production', AUTH_SECRET: 'x'.repeat(40), AUTH_TEST_FAST_HASH: '1' })).toThrow(
      /AUTH_TEST_FAST_HASH/,
    );
  });

  it('knows the common passwords, whatever their case', () => {
    expect(isCommonPassword('password123')).toBe(true);
    expect(isCommonPassword('QWERTYUIOP')).toBe(true);
    expect(isCommonPassword('violet kettle under moonlight')).toBe(false);
  });
});
