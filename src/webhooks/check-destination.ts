import { firstNonPublic, hostnameForLookup, resolveAll } from '../lib/address-policy.js';
import type { WebhookSettings } from './context.js';

/** Where a webhook may go: the addresses to connect to, or why not (in words the owner can act on). */
export type Destination = { ok: true; url: URL; addresses: string[] } | { ok: false; reason: string };

/**
 * The same outbound rules as result downloads (lib/address-policy.ts), for a
 * URL a user gave: https only, no credentials in it, and every address its
 * host resolves to public (no loopback, private, link-local, metadata or
 * unique-local address). The caller connects to exactly the addresses
 * returned (lib/pinned-request.ts), so DNS cannot answer differently for the
 * connection. `allowInsecure` (development only) accepts http and any address.
 */
export async function checkDestination(
  raw: string,
  settings: Pick<WebhookSettings, 'allowInsecure'>,
  resolve: (hostname: string) => Promise<string[]> = resolveAll,
): Promise<Destination> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'This is not a URL.' };
  }
  if (url.protocol !== 'https:' && !(settings.allowInsecure && url.protocol === 'http:')) {
    return { ok: false, reason: 'Use an https:// address.' };
  }
  if (url.username || url.password) return { ok: false, reason: 'Leave user names and passwords out of the address.' };
  let addresses: string[];
  try {
    addresses = await resolve(hostnameForLookup(url));
  } catch {
    return { ok: false, reason: `The host ${url.hostname} could not be found.` };
  }
  if (addresses.length === 0) return { ok: false, reason: `The host ${url.hostname} could not be found.` };
  if (!settings.allowInsecure) {
    const refused = firstNonPublic(addresses);
    if (refused !== undefined) return { ok: false, reason: `The host ${url.hostname} is a private or local address (${refused}).` };
  }
  return { ok: true, url, addresses };
}
