import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providerErrorOf } from '../../../test/fakes/kie-simulator.js';
import type { ImageProvider } from '../types.js';
import { createKieProvider, type KieProviderOptions } from './kie-provider.js';

let png: Buffer;
let allowed: Server;
let other: Server;
let allowedHost: string; // 127.0.0.1:<port>
let otherHost: string;
const seenHeaders: IncomingHttpHeaders[] = [];

function redirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { Location: location }).end();
}

const sendPng = (res: ServerResponse) => res.writeHead(200, { 'Content-Type': 'image/png' }).end(png);

/** A loopback result host with one route per scenario. */
const routes: Record<string, (res: ServerResponse) => void> = {
  '/image.png': sendPng,
  '/to-private': (res) => redirect(res, 'http://10.0.0.1/image.png'),
  '/to-other-port': (res) => redirect(res, `http://${otherHost}/image.png`),
  '/to-file': (res) => redirect(res, 'file:///etc/passwd'),
  '/text': (res) => res.writeHead(200, { 'Content-Type': 'image/png' }).end('hello, not an image'),
  '/unavailable': (res) => res.writeHead(503).end('busy'),
  '/declared-big': (res) => res.writeHead(200, { 'Content-Length': String(10_000) }).end(Buffer.alloc(10_000)),
  '/endless': (res) => streamForever(res),
  '/hang': () => {}, // never answers
};

function handleAllowed(path: string, res: ServerResponse): void {
  // /hop/N redirects N times before serving the image.
  const hop = /^\/hop\/(\d+)$/.exec(path);
  const hops = Number(hop?.[1] ?? 0);
  if (hop && hops > 0) redirect(res, `/hop/${hops - 1}`);
  else if (hop) sendPng(res);
  else (routes[path] ?? ((r: ServerResponse) => r.writeHead(404).end('gone')))(res);
}

/** Writes PNG-looking chunks until the client goes away: only a streaming cap can end this. */
function streamForever(res: ServerResponse): void {
  res.writeHead(200, { 'Content-Type': 'image/png' });
  res.write(png.subarray(0, 8));
  const timer = setInterval(() => res.write(Buffer.alloc(4096)), 1);
  res.on('close', () => clearInterval(timer));
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#123456' } })
    .png()
    .toBuffer();
  allowed = createServer((req, res) => {
    seenHeaders.push(req.headers);
    handleAllowed(new URL(req.url ?? '/', 'http://x').pathname, res);
  });
  other = createServer((_req, res) => sendPng(res));
  allowedHost = await listen(allowed);
  otherHost = await listen(other);
});

afterAll(() => {
  allowed.closeAllConnections();
  allowed.close();
  other.close();
});

function provider(options: Partial<KieProviderOptions> = {}): ImageProvider {
  return createKieProvider({
    apiKey: 'secret-api-key',
    baseUrl: 'https://api.kie.invalid',
    uploadBaseUrl: 'https://upload.kie.invalid',
    allowedResultHosts: [allowedHost],
    timeoutMs: 2_000,
    ...options,
  });
}

const refusal = { kind: 'permanent', code: 'result_url_refused' };

describe('downloadResult: what it fetches', () => {
  it('downloads a PNG from an allow-listed host and types it by its magic bytes', async () => {
    const image = await provider().downloadResult(`http://${allowedHost}/image.png`);
    expect(image.contentType).toBe('image/png');
    expect(image.bytes.equals(png)).toBe(true);
  });

  it('never sends the API key to a result host', async () => {
    seenHeaders.length = 0;
    await provider().downloadResult(`http://${allowedHost}/image.png`);
    expect(seenHeaders[0]?.authorization).toBeUndefined();
    expect(seenHeaders[0]?.['user-agent']).toMatch(/^AnimeGen\//);
  });

  it('follows up to three redirects within allowed hosts, and refuses a fourth', async () => {
    await expect(provider().downloadResult(`http://${allowedHost}/hop/3`)).resolves.toMatchObject({ contentType: 'image/png' });
    expect(await providerErrorOf(provider().downloadResult(`http://${allowedHost}/hop/4`))).toMatchObject({
      kind: 'permanent',
      code: 'too_many_redirects',
    });
  });

  it('lets an allow-list entry without a port match any port on that host', async () => {
    await expect(provider({ allowedResultHosts: ['127.0.0.1'] }).downloadResult(`http://${otherHost}/x.png`)).resolves.toBeDefined();
  });
});

describe('downloadResult: SSRF refusals', () => {
  it('refuses file: URLs', async () => {
    expect(await providerErrorOf(provider().downloadResult('file:///etc/passwd'))).toMatchObject(refusal);
  });

  it('refuses the cloud metadata address over http and over https', async () => {
    expect(await providerErrorOf(provider().downloadResult('http://169.254.169.254/latest/meta-data/'))).toMatchObject(refusal);
    const open = provider({ allowedResultHosts: null });
    const error = await providerErrorOf(open.downloadResult('https://169.254.169.254/latest/meta-data/'));
    expect(error).toMatchObject(refusal);
    expect(error.detail).toContain('non-public address');
  });

  it('refuses a host that is not on the allow-list', async () => {
    expect(await providerErrorOf(provider().downloadResult('https://images.example.com/a.png'))).toMatchObject(refusal);
  });

  it('refuses loopback unless that exact host is allow-listed', async () => {
    const cdnOnly = provider({ allowedResultHosts: ['cdn.example.com'] });
    expect(await providerErrorOf(cdnOnly.downloadResult(`http://${allowedHost}/image.png`))).toMatchObject(refusal);
    const open = provider({ allowedResultHosts: null });
    expect(await providerErrorOf(open.downloadResult(`https://${allowedHost}/image.png`))).toMatchObject(refusal);
    expect(await providerErrorOf(open.downloadResult('https://localhost/image.png'))).toMatchObject(refusal);
    expect(await providerErrorOf(open.downloadResult('https://[::ffff:127.0.0.1]/image.png'))).toMatchObject(refusal);
  });

  it('refuses plain http to a host that is not explicitly allow-listed', async () => {
    expect(await providerErrorOf(provider({ allowedResultHosts: null }).downloadResult('http://example.com/a.png'))).toMatchObject(refusal);
  });

  it('re-checks every redirect hop: a private address, another port, another scheme', async () => {
    for (const path of ['/to-private', '/to-other-port', '/to-file']) {
      expect(await providerErrorOf(provider().downloadResult(`http://${allowedHost}${path}`))).toMatchObject(refusal);
    }
  });
});

describe('downloadResult: limits and failures', () => {
  it('refuses bytes that are not PNG, JPEG or WebP whatever the Content-Type says', async () => {
    expect(await providerErrorOf(provider().downloadResult(`http://${allowedHost}/text`))).toMatchObject({
      kind: 'permanent',
      code: 'result_not_image',
    });
  });

  it('refuses a result whose declared size is over the cap', async () => {
    const capped = provider({ maxResultBytes: 1_000 });
    expect(await providerErrorOf(capped.downloadResult(`http://${allowedHost}/declared-big`))).toMatchObject({
      kind: 'permanent',
      code: 'result_too_large',
    });
  });

  it('stops reading an endless stream as soon as it passes the cap', async () => {
    const capped = provider({ maxResultBytes: 64 * 1024 });
    expect(await providerErrorOf(capped.downloadResult(`http://${allowedHost}/endless`))).toMatchObject({
      kind: 'permanent',
      code: 'result_too_large',
    });
  });

  it('treats 404 as a permanent result_missing and 503 as transient', async () => {
    expect(await providerErrorOf(provider().downloadResult(`http://${allowedHost}/expired.png`))).toMatchObject({
      kind: 'permanent',
      code: 'result_missing',
    });
    expect(await providerErrorOf(provider().downloadResult(`http://${allowedHost}/unavailable`))).toMatchObject({ kind: 'transient' });
  });

  it('gives up on a silent host after the timeout, as a transient error', async () => {
    const error = await providerErrorOf(provider({ timeoutMs: 80 }).downloadResult(`http://${allowedHost}/hang`));
    expect(error).toMatchObject({ kind: 'transient', code: 'provider_unavailable' });
  });
});
