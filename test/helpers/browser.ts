import type { TestApp } from './app.js';

export interface BrowserResponse {
  status: number;
  /** The Location header resolved against the request's URL (absolute), or null. */
  location: string | null;
  text: string;
  json<T = unknown>(): T;
}

export interface Browser {
  get(url: string): Promise<BrowserResponse>;
  post(url: string, body: { json?: object; form?: Record<string, string> }): Promise<BrowserResponse>;
  /** The Cookie header this browser sends to the app (an empty string without cookies). */
  appCookie(): string;
  /** Forgets every cookie (a new browser for the same person). */
  clear(): void;
}

/**
 * A browser in plain code: it keeps cookies per origin (a cookie set by one
 * port never goes to another; paths are not honoured, sending a cookie to
 * more paths than its own harms nothing here), never follows a redirect by
 * itself (the test sees each hop), and sends `Origin` on POST as a page would.
 * Requests to the app go through `inject` from `remoteAddress`; every other
 * origin (a provider on 127.0.0.1) is reached with real fetch.
 */
export function createBrowser(t: TestApp, opts: { remoteAddress: string }): Browser {
  const jars = new Map<string, Map<string, string>>();
  const jar = (origin: string) => {
    const j = jars.get(origin) ?? new Map<string, string>();
    jars.set(origin, j);
    return j;
  };
  const cookieHeader = (origin: string) => [...jar(origin)].map(([name, value]) => `${name}=${value}`).join('; ');

  function store(origin: string, setCookies: string[]) {
    const j = jar(origin);
    for (const line of setCookies) {
      const [pair = '', ...attributes] = line.split(';').map((p) => p.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const maxAge = attributes.find((a) => /^max-age=/i.test(a));
      const expires = attributes.find((a) => /^expires=/i.test(a));
      const gone =
        value === '' ||
        (maxAge !== undefined && Number(maxAge.split('=')[1]) <= 0) ||
        (expires !== undefined && Date.parse(expires.slice(expires.indexOf('=') + 1)) < Date.now());
      if (gone) j.delete(name);
      else j.set(name, value);
    }
  }

  async function request(method: 'GET' | 'POST', url: string, body?: { json?: object; form?: Record<string, string> }) {
    const target = new URL(url, t.origin);
    const origin = target.origin;
    const payload = body?.json ? JSON.stringify(body.json) : body?.form ? new URLSearchParams(body.form).toString() : undefined;
    const headers: Record<string, string> = {};
    const cookie = cookieHeader(origin);
    if (cookie) headers.cookie = cookie;
    if (payload !== undefined) headers['content-type'] = body?.json ? 'application/json' : 'application/x-www-form-urlencoded';
    if (method === 'POST') headers.origin = origin;
    let status: number;
    let location: string | undefined;
    let text: string;
    if (origin === t.origin) {
      const res = await t.app.inject({ method, url: target.pathname + target.search, headers, payload, remoteAddress: opts.remoteAddress });
      const set = res.headers['set-cookie'];
      store(origin, Array.isArray(set) ? set : set ? [set] : []);
      ({ statusCode: status, body: text } = res);
      location = res.headers.location as string | undefined;
    } else {
      const res = await fetch(target, { method, headers, body: payload, redirect: 'manual' });
      store(origin, res.headers.getSetCookie());
      status = res.status;
      location = res.headers.get('location') ?? undefined;
      text = await res.text();
    }
    return {
      status,
      location: location ? new URL(location, target).toString() : null,
      text,
      json: <T>() => JSON.parse(text) as T,
    };
  }

  return {
    get: (url) => request('GET', url),
    post: (url, body) => request('POST', url, body),
    appCookie: () => cookieHeader(t.origin),
    clear: () => jars.clear(),
  };
}
