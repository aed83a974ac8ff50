import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('runs with no variables at all: embedded database, simulator, port 3000', () => {
    const c = loadConfig({});
    expect(c.http.port).toBe(3000);
    expect(c.database.kind).toBe('pglite');
    expect(c.provider.kind).toBe('simulator');
    expect(c.auth.signupCredits).toBe(20);
    expect(c.auth.minAge).toBe(16);
  });

  it('names every bad variable at once', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const msg = (e as Error).message;
      expect(msg).toContain('PORT');
      expect(msg).toContain('DATABASE_URL');
    }
  });

  it('never prints a secret', () => {
    const c = loadConfig({ KIE_API_KEY: 'sk-very-secret' });
    expect(c.provider.kind).toBe('kie');
    expect(JSON.stringify(c)).not.toContain('sk-very-secret');
    expect(String(c.provider.kind === 'kie' && c.provider.apiKey)).toBe('[redacted]');
  });

  it('requires AUTH_SECRET in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/AUTH_SECRET/);
  });
});
