import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { Readable } from 'node:stream';

/**
 * A request (GET unless `init.method` says otherwise) that connects only to
 * `addresses`, the ones an outbound policy (result downloads, webhook
 * deliveries) has just resolved and checked, instead of resolving the host
 * again: a name that answered with a public address for the check cannot
 * answer with a private one for the connection (DNS rebinding). The URL's
 * host still goes in the Host header and, for https, in SNI and the
 * certificate check. Redirects are never followed. Answers a fetch Response
 * so the caller reads it like fetch's.
 */
export function pinnedRequest(
  url: URL,
  init: { method?: 'GET' | 'POST'; headers: Record<string, string>; body?: string; signal: AbortSignal },
  addresses: string[],
): Promise<Response> {
  const pinned = addresses.map((address) => ({ address, family: isIP(address) }));
  const lookup: LookupFunction = (_hostname, options, callback) => {
    const first = pinned[0];
    if (!first) return callback(new Error('no address to connect to'), '', 0);
    if (options.all) return (callback as unknown as (err: null, all: typeof pinned) => void)(null, pinned);
    callback(null, first.address, first.family);
  };
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<Response>((resolve, reject) => {
    const req = send(url, { method: init.method ?? 'GET', headers: init.headers, signal: init.signal, lookup }, (res) => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(res.headers)) for (const v of [value ?? []].flat()) headers.append(name, v);
      const status = res.statusCode ?? 502;
      const bodiless = status === 204 || status === 205 || status === 304;
      if (bodiless) res.resume();
      resolve(new Response(bodiless ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>), { status, headers }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}
