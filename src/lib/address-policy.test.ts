import { describe, expect, it } from 'vitest';
import { expandIPv6, findAllowedHost, isPublicAddress, parseAllowedHost } from './address-policy.js';

describe('isPublicAddress', () => {
  it.each([
    '127.0.0.1',
    '127.255.1.2',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '0.0.0.0',
    '100.64.0.1',
    '::1',
    '::',
    'fc00::1',
    'fd12:3456::1',
    'fe80::1',
    '::ffff:127.0.0.1',
    '::ffff:8.8.8.8',
    '::ffff:7f00:1',
  ])('refuses %s', (ip) => {
    expect(isPublicAddress(ip)).toBe(false);
  });

  it.each(['8.8.8.8', '172.32.0.1', '100.128.0.1', '104.18.0.1', '2606:4700::6810:1', '2001:4860:4860::8888'])('accepts %s', (ip) => {
    expect(isPublicAddress(ip)).toBe(true);
  });

  it('refuses anything that is not an IP literal', () => {
    expect(isPublicAddress('example.com')).toBe(false);
  });
});

describe('expandIPv6', () => {
  it('expands compressed and dotted forms to eight groups', () => {
    expect(expandIPv6('::1')).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
    expect(expandIPv6('::ffff:1.2.3.4')).toEqual([0, 0, 0, 0, 0, 0xffff, 0x0102, 0x0304]);
    expect(expandIPv6('1:2:3:4:5:6:7:8:9')).toBeUndefined();
  });
});

describe('allow-list entries', () => {
  it('match by host alone (any port) or by host:port', () => {
    const entries = ['cdn.example.com', '127.0.0.1:4010', '[::1]:8080'].map(parseAllowedHost);
    expect(findAllowedHost(new URL('https://CDN.example.com:8443/a'), entries)?.host).toBe('cdn.example.com');
    expect(findAllowedHost(new URL('http://127.0.0.1:4010/a'), entries)?.literal).toBe(true);
    expect(findAllowedHost(new URL('http://127.0.0.1:4011/a'), entries)).toBeUndefined();
    expect(findAllowedHost(new URL('http://[::1]:8080/a'), entries)?.port).toBe(8080);
  });

  it('use the scheme default port when the URL names none', () => {
    const entries = [parseAllowedHost('files.example.com:443')];
    expect(findAllowedHost(new URL('https://files.example.com/a'), entries)).toBeDefined();
    expect(findAllowedHost(new URL('http://files.example.com/a'), entries)).toBeUndefined();
  });

  it('mark only IP literals and localhost as permitting private addresses', () => {
    expect(parseAllowedHost('127.0.0.1').literal).toBe(true);
    expect(parseAllowedHost('localhost:3000').literal).toBe(true);
    expect(parseAllowedHost('tempfile.example.com').literal).toBe(false);
  });
});
