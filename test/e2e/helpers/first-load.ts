import { request } from 'node:http';
import type { Page, Response } from 'playwright-core';

/**
 * What a page costs to show the first time: the bytes of script and CSS that
 * cross the network, as the server sends them for a given Accept-Encoding.
 * Used by the size budget (test/e2e/web-budget.e2e.ts) and the web bench.
 */

export type Encoding = 'gzip' | 'br' | 'identity';
export interface Bytes {
  js: number;
  css: number;
}
export interface FirstLoad {
  /** The script and stylesheet URLs counted, each once. */
  js: string[];
  css: string[];
  /** Their summed sizes on the wire for each encoding. */
  gzip: Bytes;
  br: Bytes;
}

/** The body bytes the server sends for `url` (no decoding), and the encoding it chose. */
export function wireSize(url: string, encoding: Encoding): Promise<{ bytes: number; encoding: string; status: number }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { 'accept-encoding': encoding } }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
      });
      res.on('end', () => resolve({ bytes, encoding: String(res.headers['content-encoding'] ?? 'identity'), status: res.statusCode ?? 0 }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function sizes(baseUrl: string, js: string[], css: string[]): Promise<FirstLoad> {
  const sum = async (urls: string[], encoding: Encoding) => {
    let total = 0;
    for (const u of urls) {
      const res = await wireSize(new URL(u, baseUrl).href, encoding);
      if (res.status !== 200) throw new Error(`${u}: ${res.status}`);
      total += res.bytes;
    }
    return total;
  };
  return {
    js,
    css,
    gzip: { js: await sum(js, 'gzip'), css: await sum(css, 'gzip') },
    br: { js: await sum(js, 'br'), css: await sum(css, 'br') },
  };
}

/** The attributes of each `<script>` and `<link>` tag of an HTML page. */
function tags(html: string): { name: string; attrs: Record<string, string> }[] {
  return [...html.matchAll(/<(script|link)\b([^>]*)>/gi)].map((m) => ({
    name: (m[1] ?? '').toLowerCase(),
    attrs: Object.fromEntries(
      [...(m[2] ?? '').matchAll(/([\w-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)].map((a) => [
        (a[1] ?? '').toLowerCase(),
        a[2] ?? a[3] ?? a[4] ?? '',
      ]),
    ),
  }));
}

/**
 * The first-load script and CSS the page at `path` names in its HTML: module
 * scripts, module preloads and stylesheets (what the browser fetches before
 * the first paint, whatever the script then does).
 */
export async function firstLoadFromHtml(baseUrl: string, path: string): Promise<FirstLoad> {
  const res = await fetch(new URL(path, baseUrl));
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  const found = tags(await res.text());
  const js = new Set<string>();
  const css = new Set<string>();
  for (const { name, attrs } of found) {
    const rel = (attrs.rel ?? '').toLowerCase().split(/\s+/);
    if (name === 'script' && attrs.src) js.add(attrs.src);
    if (name === 'link' && attrs.href && rel.includes('modulepreload')) js.add(attrs.href);
    if (name === 'link' && attrs.href && rel.includes('stylesheet')) css.add(attrs.href);
  }
  return sizes(baseUrl, [...js], [...css]);
}

/**
 * The script and CSS a browser actually requests for the page at `path`
 * until the network is quiet after load (chunks the app imports while it
 * starts included), measured again from the server for each encoding
 * (a fresh browser context is needed: a cached file is not fetched again).
 */
export async function firstLoadInBrowser(page: Page, baseUrl: string, path: string): Promise<FirstLoad> {
  const js = new Set<string>();
  const css = new Set<string>();
  const onResponse = (response: Response) => {
    const type = response.request().resourceType();
    const kind = type === 'script' ? 'js' : type === 'stylesheet' ? 'css' : null;
    if (!kind || !response.url().startsWith(baseUrl)) return;
    const url = new URL(response.url()).pathname;
    (kind === 'js' ? js : css).add(url);
  };
  page.on('response', onResponse);
  try {
    await page.goto(new URL(path, baseUrl).href, { waitUntil: 'load' });
    await page.waitForLoadState('networkidle');
  } finally {
    page.off('response', onResponse);
  }
  return sizes(baseUrl, [...js], [...css]);
}
