import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

/**
 * Which addresses and hosts our outbound requests may reach: result
 * downloads (URLs from the provider) and webhook deliveries (URLs from
 * users). Neither may make us reach internal services (SSRF).
 */

type Cidr4 = readonly [base: number, bits: number];

// Private, loopback, link-local, CGNAT, benchmark, multicast and reserved ranges.
const BLOCKED_V4: Cidr4[] = [
  [v4('0.0.0.0'), 8],
  [v4('10.0.0.0'), 8],
  [v4('100.64.0.0'), 10],
  [v4('127.0.0.0'), 8],
  [v4('169.254.0.0'), 16],
  [v4('172.16.0.0'), 12],
  [v4('192.0.0.0'), 24],
  [v4('192.168.0.0'), 16],
  [v4('198.18.0.0'), 15],
  [v4('224.0.0.0'), 4],
  [v4('240.0.0.0'), 4],
];

function v4(address: string): number {
  const parts = address.split('.').map(Number);
  return parts.reduce((acc, part) => acc * 256 + part, 0);
}

function inCidr4(address: number, [base, bits]: Cidr4): boolean {
  const size = 2 ** (32 - bits);
  return Math.floor(address / size) === Math.floor(base / size);
}

/** Eight 16-bit groups, or undefined when `address` is not IPv6. */
export function expandIPv6(address: string): number[] | undefined {
  let text = address.toLowerCase().split('%')[0] ?? '';
  // A trailing dotted quad (::ffff:1.2.3.4) becomes two groups.
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const n = v4(dotted[1]);
    text = `${text.slice(0, -dotted[1].length)}${Math.floor(n / 65536).toString(16)}:${(n % 65536).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (missing < 0 || (halves.length === 1 && missing !== 0)) return undefined;
  const groups = [...head, ...Array<string>(missing).fill('0'), ...tail].map((g) => Number.parseInt(g, 16));
  return groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : undefined;
}

function isPublicIPv6(groups: number[]): boolean {
  const [g0 = 0, , , , g4 = 0, g5 = 0] = groups;
  const firstSixZero = groups.slice(0, 6).every((g) => g === 0);
  if (firstSixZero) return false; // ::, ::1 and IPv4-compatible addresses
  if (groups.slice(0, 4).every((g) => g === 0) && g4 === 0 && g5 === 0xffff) return false; // IPv4-mapped
  if ((g0 & 0xfe00) === 0xfc00) return false; // fc00::/7 unique local
  if ((g0 & 0xffc0) === 0xfe80) return false; // fe80::/10 link-local
  if ((g0 & 0xff00) === 0xff00) return false; // multicast
  if (g0 === 0x64 && groups[1] === 0xff9b) return false; // NAT64 can reach private IPv4
  return true;
}

/** True when `ip` is a literal address on the public internet. */
export function isPublicAddress(ip: string): boolean {
  const family = isIP(ip);
  if (family === 4) return !BLOCKED_V4.some((cidr) => inCidr4(v4(ip), cidr));
  if (family === 6) {
    const groups = expandIPv6(ip);
    return groups !== undefined && isPublicIPv6(groups);
  }
  return false;
}

/** One allow-list entry: `host` (any port) or `host:port`. */
export interface AllowedHost {
  host: string;
  port?: number;
  /** Entries naming an IP literal or localhost also permit that private address. */
  literal: boolean;
}

function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** Parses `host`, `host:port`, `[v6]` or `[v6]:port`; case-insensitive. */
export function parseAllowedHost(entry: string): AllowedHost {
  const text = entry.trim().toLowerCase();
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  const plain = /^([^:]+):(\d+)$/.exec(text);
  const [raw, port] = bracketed ? [bracketed[1] ?? '', bracketed[2]] : plain ? [plain[1] ?? '', plain[2]] : [text, undefined];
  // Normalise literals the way URL does (e.g. 0:0::1 → ::1) so they compare equal.
  const host = isIP(raw) === 6 ? stripBrackets(new URL(`http://[${raw}]/`).hostname) : raw;
  return { host, port: port === undefined ? undefined : Number(port), literal: isIP(host) !== 0 || host === 'localhost' };
}

function effectivePort(url: URL): number {
  if (url.port) return Number(url.port);
  return url.protocol === 'https:' ? 443 : 80;
}

/** The allow-list entry matching the URL's host (and port, when the entry names one). */
export function findAllowedHost(url: URL, allowed: readonly AllowedHost[]): AllowedHost | undefined {
  const host = stripBrackets(url.hostname.toLowerCase());
  const port = effectivePort(url);
  return allowed.find((entry) => entry.host === host && (entry.port === undefined || entry.port === port));
}

export function hostnameForLookup(url: URL): string {
  return stripBrackets(url.hostname);
}

/** Every address `hostname` resolves to (the system resolver, as a connection would use). */
export async function resolveAll(hostname: string): Promise<string[]> {
  const addresses = await lookup(hostname, { all: true, verbatim: true });
  return addresses.map((a) => a.address);
}

/** The first of `addresses` that is not public (or '(none)' when there are none); undefined when all are public. */
export function firstNonPublic(addresses: readonly string[]): string | undefined {
  if (addresses.length === 0) return '(none)';
  return addresses.find((address) => !isPublicAddress(address));
}
