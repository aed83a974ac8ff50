import { describe, expect, it } from 'vitest';
import { isDisposableDomain, loadDisposableDomains } from './disposable-domains.js';

describe('disposable domains', () => {
  it('knows the well-known throwaway services and their subdomains, not the big providers', () => {
    expect(loadDisposableDomains().size).toBeGreaterThan(1000);
    expect(isDisposableDomain('mailinator.com')).toBe(true);
    expect(isDisposableDomain('eu.mailinator.com')).toBe(true);
    expect(isDisposableDomain('gmail.com')).toBe(false);
    expect(isDisposableDomain('example.com')).toBe(false);
    expect(isDisposableDomain('com')).toBe(false);
  });
});
