import { describe, expect, it } from 'vitest';
import { domainOf, networkOf, normaliseAddress, signupKeyHash } from './signup-identity.js';

describe('normaliseAddress', () => {
  it('folds Gmail dots, +tags, case and googlemail.com into one mailbox', () => {
    expect(normaliseAddress('ab@gmail.com')).toBe('ab@gmail.com');
    expect(normaliseAddress('a.b+x@gmail.com')).toBe('ab@gmail.com');
    expect(normaliseAddress(' A.B+Promo@GoogleMail.com ')).toBe('ab@gmail.com');
    expect(normaliseAddress('a.b@gmail.com.')).toBe('ab@gmail.com');
  });

  it('drops a +tag everywhere but keeps the dots of other domains', () => {
    expect(normaliseAddress('first.last+shop@example.com')).toBe('first.last@example.com');
    expect(normaliseAddress('First.Last@Outlook.com')).toBe('first.last@outlook.com');
  });

  it('refuses what is not local@domain, and keeps a local part that is only a +tag', () => {
    expect(normaliseAddress('no-at-sign')).toBeNull();
    expect(normaliseAddress('@example.com')).toBeNull();
    expect(normaliseAddress('someone@')).toBeNull();
    expect(normaliseAddress('+tag@example.com')).toBe('+tag@example.com');
    expect(normaliseAddress('...@gmail.com')).toBeNull();
  });

  it('reads the domain after the last @', () => {
    expect(domainOf('"a@b"@Mail.Example.com')).toBe('mail.example.com');
    expect(domainOf('nobody')).toBeNull();
  });
});

describe('networkOf', () => {
  it('keeps an IPv4 /24', () => {
    expect(networkOf('203.0.113.9')).toBe('203.0.113.0/24');
    expect(networkOf('203.0.113.250')).toBe(networkOf('203.0.113.1'));
    expect(networkOf('203.0.114.1')).not.toBe(networkOf('203.0.113.1'));
  });

  it('reads an IPv4-mapped IPv6 address as its IPv4, in either spelling', () => {
    expect(networkOf('::ffff:203.0.113.9')).toBe('203.0.113.0/24');
    expect(networkOf('::FFFF:cb00:7109')).toBe('203.0.113.0/24');
    expect(networkOf('0:0:0:0:0:ffff:203.0.113.9')).toBe('203.0.113.0/24');
  });

  it('keeps an IPv6 /64, however the address is written', () => {
    expect(networkOf('2001:db8:0:1::5')).toBe('2001:db8:0:1::/64');
    expect(networkOf('2001:0db8:0000:0001:ffff:eeee:dddd:cccc')).toBe('2001:db8:0:1::/64');
    expect(networkOf('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(networkOf('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(networkOf('::1')).toBe('0:0:0:0::/64');
    expect(networkOf('2001:db8:0:2::5')).not.toBe(networkOf('2001:db8:0:1::5'));
  });

  it('refuses what is not an address', () => {
    expect(networkOf('')).toBeNull();
    expect(networkOf('localhost')).toBeNull();
    expect(networkOf('300.1.1.1')).toBeNull();
  });
});

describe('signupKeyHash', () => {
  it('differs by secret and by kind, and is stable', () => {
    const a = signupKeyHash('secret-1', 'address', 'ab@gmail.com');
    expect(signupKeyHash('secret-1', 'address', 'ab@gmail.com')).toBe(a);
    expect(signupKeyHash('secret-2', 'address', 'ab@gmail.com')).not.toBe(a);
    expect(signupKeyHash('secret-1', 'network', 'ab@gmail.com')).not.toBe(a);
    expect(a).not.toContain('gmail');
  });
});
