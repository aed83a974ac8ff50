import { type AllowedHost, findAllowedHost, firstNonPublic, hostnameForLookup, resolveAll } from '../../lib/address-policy.js';
import { pinnedRequest } from '../../lib/pinned-request.js';
import { readBodyCapped } from '../read-capped.js';
import type { DownloadedImage } from '../types.js';
import { kieError } from './errors.js';
import { errorForFetchFailure, USER_AGENT } from './http.js';

export interface DownloadPolicy {
  /** null: any public https host. */
  allowedHosts: readonly AllowedHost[] | null;
  maxBytes: number;
  timeoutMs: number;
  /** A fetch to use instead of connecting to the checked addresses (tests that watch requests). */
  fetch?: typeof fetch;
  /** Resolves a hostname to every address it may connect to. */
  resolve?: (hostname: string) => Promise<string[]>;
}

const MAX_REDIRECTS = 3;

/** Where a URL is shown in error details: no query string, which may hold a signature. */
function describe(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`;
}

/**
 * Refuses a URL unless its scheme, host and every resolved address are
 * allowed. Plain http and private addresses are only for hosts the operator
 * named explicitly (the local simulator); a hostname entry must still resolve
 * to public addresses. Returns the checked addresses, which the download then
 * connects to without resolving again (null: an operator-named literal host).
 */
async function checkDestination(url: URL, policy: DownloadPolicy): Promise<string[] | null> {
  const refuse = (why: string) => kieError('result_url_refused', `${describe(url)}: ${why}`);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw refuse(`scheme ${url.protocol} refused`);
  if (url.username || url.password) throw refuse('credentials in URL refused');
  const entry = policy.allowedHosts ? findAllowedHost(url, policy.allowedHosts) : undefined;
  if (policy.allowedHosts && !entry) throw refuse('host not in the allow-list');
  if (url.protocol === 'http:' && !entry) throw refuse('plain http is only for allow-listed hosts');
  if (entry?.literal) return null;
  let addresses: string[];
  try {
    addresses = await (policy.resolve ?? resolveAll)(hostnameForLookup(url));
  } catch (error) {
    throw kieError('provider_unavailable', `${describe(url)}: lookup failed (${error instanceof Error ? error.message : error})`);
  }
  const refused = firstNonPublic(addresses);
  if (refused !== undefined) throw refuse(`resolves to non-public address ${refused}`);
  return addresses;
}

/** The image type from magic bytes; the Content-Type header is not trusted. */
export function sniffImageType(bytes: Buffer): 'image/png' | 'image/jpeg' | 'image/webp' | undefined {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))) return 'image/jpeg';
  if (bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  return undefined;
}

/** Reads the body, aborting as soon as it passes `maxBytes` instead of buffering it all. */
async function readCapped(res: Response, url: URL, maxBytes: number): Promise<Buffer> {
  const declared = Number(res.headers.get('content-length') ?? Number.NaN);
  // With content-encoding the header counts compressed bytes; the stream check still applies.
  if (!res.headers.get('content-encoding') && declared > maxBytes) {
    await res.body?.cancel();
    throw kieError('result_too_large', `${describe(url)}: declares ${declared} bytes, cap ${maxBytes}`);
  }
  return readBodyCapped(res, maxBytes, () => kieError('result_too_large', `${describe(url)}: more than ${maxBytes} bytes`));
}

function errorForStatus(status: number, url: URL) {
  const detail = `${describe(url)}: HTTP ${status}`;
  if (status === 408 || status === 429 || status >= 500) return kieError('provider_unavailable', detail);
  return kieError('result_missing', detail);
}

async function readImage(res: Response, url: URL, policy: DownloadPolicy): Promise<DownloadedImage> {
  if (res.status < 200 || res.status > 299) {
    await res.body?.cancel();
    throw errorForStatus(res.status, url);
  }
  const bytes = await readCapped(res, url, policy.maxBytes);
  const contentType = sniffImageType(bytes);
  if (!contentType) throw kieError('result_not_image', `${describe(url)}: ${bytes.length} bytes, not PNG, JPEG or WebP`);
  return { bytes, contentType };
}

function parseUrl(raw: string, base?: URL): URL {
  try {
    return new URL(raw, base);
  } catch {
    throw kieError('result_url_refused', base ? `${describe(base)}: redirect location does not parse` : 'result URL does not parse');
  }
}

/**
 * Downloads one result image under the policy: allowed scheme, host and
 * addresses on every hop, at most three redirects, a size cap, one timeout
 * for the whole download, and PNG/JPEG/WebP only. Never sends the API key.
 */
export async function downloadImage(rawUrl: string, policy: DownloadPolicy): Promise<DownloadedImage> {
  const signal = AbortSignal.timeout(policy.timeoutMs);
  let url = parseUrl(rawUrl);
  for (let hop = 0; ; hop++) {
    const addresses = await checkDestination(url, policy);
    const headers = { 'User-Agent': USER_AGENT, Accept: 'image/png,image/jpeg,image/webp' };
    try {
      // Redirects are never followed by the transport: each hop is checked above first.
      const res = policy.fetch
        ? await policy.fetch(url, { redirect: 'manual', headers, signal })
        : addresses
          ? await pinnedRequest(url, { headers, signal }, addresses)
          : await fetch(url, { redirect: 'manual', headers, signal });
      if (res.status < 300 || res.status > 399) return await readImage(res, url, policy);
      await res.body?.cancel();
      const location = res.headers.get('location');
      if (!location) throw errorForStatus(res.status, url);
      if (hop >= MAX_REDIRECTS) throw kieError('too_many_redirects', `${describe(url)}: more than ${MAX_REDIRECTS} redirects`);
      url = parseUrl(location, url);
    } catch (error) {
      throw errorForFetchFailure(error, `download ${describe(url)}`);
    }
  }
}
