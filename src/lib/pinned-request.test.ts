import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pinnedRequest } from './pinned-request.js';

describe('pinnedRequest', () => {
  const seen: { host?: string; headers: IncomingHttpHeaders }[] = [];
  const server = createServer((req, res) => {
    seen.push({ host: req.headers.host, headers: req.headers });
    if (req.method === 'POST') {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => res.writeHead(201).end(`got ${body}`));
      return;
    }
    if (req.url === '/moved') res.writeHead(302, { location: 'http://elsewhere.invalid/' }).end();
    else res.writeHead(200, { 'content-type': 'image/png', 'x-two': ['a', 'b'] }).end('pixels');
  });
  let port = 0;
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => server.close());
  const init = () => ({ headers: { 'User-Agent': 'AnimeGen/test' }, signal: AbortSignal.timeout(5_000) });

  it('connects to the checked address, never resolving the name again, and still names the host', async () => {
    // No DNS knows this name: only the pinned address can reach the server.
    const res = await pinnedRequest(new URL(`http://result-cdn.example.invalid:${port}/x.png`), init(), ['127.0.0.1']);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('pixels');
    expect(res.headers.get('x-two')).toBe('a, b');
    expect(seen.at(-1)).toMatchObject({ host: `result-cdn.example.invalid:${port}` });
    expect(seen.at(-1)?.headers['user-agent']).toBe('AnimeGen/test');
  });

  it('sends a POST with its body to the checked address', async () => {
    const res = await pinnedRequest(
      new URL(`http://hooks.example.invalid:${port}/in`),
      { ...init(), method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json' } },
      ['127.0.0.1'],
    );
    expect(res.status).toBe(201);
    expect(await res.text()).toBe('got {"a":1}');
    expect(seen.at(-1)?.headers['content-type']).toBe('application/json');
  });

  it('hands a redirect back instead of following it', async () => {
    const res = await pinnedRequest(new URL(`http://result-cdn.example.invalid:${port}/moved`), init(), ['127.0.0.1']);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('http://elsewhere.invalid/');
  });

  it('fails when the checked address does not answer, rather than trying another', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(pinnedRequest(new URL(`http://localhost:${deadPort}/x.png`), init(), ['127.0.0.1'])).rejects.toThrow();
  });
});
