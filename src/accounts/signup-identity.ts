import { createHmac } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';

/**
 * What identifies a sign-up for the free grant, beyond the account itself:
 * the address with its aliases folded together and the network it came from.
 * Pure; both are stored only as keyed hashes (see signupKeyHash).
 */

/** Mailboxes where dots in the local part are ignored by the provider. */
const DOTLESS_DOMAINS = new Set(['gmail.com']);
const DOMAIN_ALIASES: Record<string, string> = { 'googlemail.com': 'gmail.com' };

/**
 * The address as one mailbox: lower case, googlemail.com read as gmail.com,
 * for Gmail the dots of the local part dropped, and for every domain a
 * `+tag` dropped (Gmail, Outlook, iCloud, Fastmail, Proton and most hosts
 * deliver `name+tag@` to `name@`; a host where `+` names a different
 * mailbox is rare, and then two of its users share one free grant).
 * Returns null for a string that is not `local@domain`.
 */
export function normaliseAddress(address: string): string | null {
  const trimmed = address.trim().toLowerCase();
  const at = trimmed.lastIndexOf('@');
  if (at <= 0 || at === trimmed.length - 1) return null;
  let local = trimmed.slice(0, at);
  const rawDomain = trimmed.slice(at + 1).replace(/\.$/, '');
  const domain = DOMAIN_ALIASES[rawDomain] ?? rawDomain;
  const plus = local.indexOf('+');
  if (plus > 0) local = local.slice(0, plus);
  if (DOTLESS_DOMAINS.has(domain)) local = local.replaceAll('.', '');
  if (local === '') return null;
  return `${local}@${domain}`;
}

/** The domain of an address, lower case (the part after the last `@`), or null. */
export function domainOf(address: string): string | null {
  const trimmed = address.trim().toLowerCase();
  const at = trimmed.lastIndexOf('@');
  if (at < 0 || at === trimmed.length - 1) return null;
  return trimmed.slice(at + 1).replace(/\.$/, '');
}

/**
 * The network a client address belongs to, as one user would hold it: the
 * IPv4 /24 (`203.0.113.0/24`) or the IPv6 /64 (`2001:db8:0:1::/64`, the
 * smallest prefix a provider hands a household). An IPv4-mapped IPv6
 * address (`::ffff:203.0.113.9`) counts as its IPv4. Null when `ip` is not
 * an address.
 */
export function networkOf(ip: string): string | null {
  const address = ip.trim().replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return networkOf(mapped[1]);
  if (isIPv4(address)) {
    const [a, b, c] = address.split('.').map(Number);
    return `${a}.${b}.${c}.0/24`;
  }
  if (!isIPv6(address)) return null;
  const groups = ipv6Groups(address);
  if (groups[0] === 0 && groups[1] === 0 && groups[2] === 0 && groups[3] === 0 && groups[4] === 0 && groups[5] === 0xffff) {
    const [g6 = 0, g7 = 0] = [groups[6], groups[7]];
    return `${g6 >> 8}.${g6 & 0xff}.${g7 >> 8}.0/24`;
  }
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address (`::` expanded, a trailing dotted IPv4 read as two groups). */
function ipv6Groups(address: string): number[] {
  let text = address;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const [a = 0, b = 0, c = 0, d = 0] = dotted[1].split('.').map(Number);
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const parse = (s: string) => (s === '' ? [] : s.split(':').map((g) => Number.parseInt(g, 16)));
  const front = parse(head);
  if (tail === undefined) return front;
  const back = parse(tail);
  return [...front, ...new Array<number>(8 - front.length - back.length).fill(0), ...back];
}

/**
 * A keyed hash (HMAC-SHA-256 with a key derived from the auth secret) of a
 * normalised address or a network, so the table remembers "this was granted"
 * without holding the address or network itself. A new AUTH_SECRET forgets
 * every earlier grant for this purpose (accounts keep their credits).
 */
export function signupKeyHash(secret: string, kind: 'address' | 'network', value: string): string {
  const key = createHmac('sha256', secret).update('animegen signup grants v1').digest();
  return createHmac('sha256', key).update(`${kind}:${value}`).digest('base64url');
}
