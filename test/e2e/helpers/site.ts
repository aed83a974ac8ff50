import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { exitOf, spawnAnimegen } from '../../helpers/process.js';
import { twoFactorOnViaApi, verifiedUserViaApi } from './api-user.js';
import { type RunningServer, startServer } from './server.js';
import { newUser } from './ui.js';

/**
 * A server with one operator account that owns a finished image: enough to
 * open every screen of the site, signed in and signed out.
 */
export interface Site {
  server: RunningServer;
  /** The operator's session cookies, `name=value`. */
  cookies: string[];
  /** A succeeded generation of the operator's. */
  generationId: string;
  /** The operator's own account id (its page in the console). */
  operatorId: string;
  stop(): Promise<void>;
}

/** Every screen a visitor can open without an account (router.tsx), with a sample query where the screen needs one. */
export const publicPaths = [
  '/',
  '/sign-in',
  '/sign-up',
  '/forgot-password',
  '/reset-password?token=sample',
  '/verified',
  '/dev/mail',
  '/privacy',
  '/terms',
  '/cookies',
  '/privacy-request',
  '/account-deleted',
  '/no-such-page',
];

/** Every signed-in screen (the operator, an admin with two-factor sign-in, sees the console's too). */
export const appPaths = (site: Pick<Site, 'generationId' | 'operatorId'>) => [
  '/create',
  '/gallery',
  `/g/${site.generationId}`,
  '/credits',
  '/trash',
  '/settings',
  '/admin',
  '/admin/users?q=site',
  `/admin/users/${site.operatorId}`,
  '/admin/moderation',
  '/admin/audit',
  '/admin/support',
  '/admin/privacy-requests',
];

export async function startSite(): Promise<Site> {
  const dataDir = mkdtempSync(join(tmpdir(), 'animegen-e2e-site-'));
  const operator = newUser('site');
  let server = await startServer({}, { dataDir });
  // The console needs two-factor sign-in on the operator's account.
  const { cookies } = await twoFactorOnViaApi(server.baseUrl, operator, await verifiedUserViaApi(server.baseUrl, operator));
  // PGlite has one owner at a time: grant operator rights while the server is down.
  await server.stop();
  if ((await exitOf(spawnAnimegen('admin', { DATA_DIR: dataDir }, ['grant', operator.email]))) !== 0) throw new Error('admin grant failed');
  server = await startServer({}, { dataDir });
  const generationId = await finishedGeneration(server.baseUrl, cookies.join('; '));
  const me = (await (await fetch(`${server.baseUrl}/api/me`, { headers: { cookie: cookies.join('; ') } })).json()) as { id: string };
  return {
    server,
    cookies,
    generationId,
    operatorId: me.id,
    stop: async () => {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Submits a generation through the API and waits until its image is ready. */
async function finishedGeneration(baseUrl: string, cookie: string): Promise<string> {
  const { models } = (await (await fetch(`${baseUrl}/api/models`)).json()) as { models: { id: string; aspectRatios: string[] }[] };
  const model = models[0];
  if (!model) throw new Error('no model in the catalog');
  const res = await fetch(`${baseUrl}/api/generations`, {
    method: 'POST',
    headers: { cookie, origin: baseUrl, 'content-type': 'application/json' },
    body: JSON.stringify({ prompt: 'A fox spirit under cherry blossoms', model: model.id, aspectRatio: model.aspectRatios[0] ?? '1:1' }),
  });
  if (res.status !== 202) throw new Error(`submit: ${res.status} ${await res.text()}`);
  const { id } = (await res.json()) as { id: string };
  for (let i = 0; i < 300; i++) {
    const g = (await (await fetch(`${baseUrl}/api/generations/${id}`, { headers: { cookie } })).json()) as { status: string };
    if (g.status === 'succeeded') return id;
    if (g.status === 'failed') throw new Error(`generation ${id} failed`);
    await sleep(100);
  }
  throw new Error(`generation ${id} did not finish`);
}

/** Signs `context` in as the site's operator. */
export async function signIn(site: Site, context: BrowserContext): Promise<void> {
  await context.addCookies(
    site.cookies.map((c) => {
      const at = c.indexOf('=');
      return { name: c.slice(0, at), value: c.slice(at + 1), url: site.server.baseUrl };
    }),
  );
}

/**
 * Waits until the page has loaded its data and stopped moving: no request has
 * finished for half a second (the live-events stream never finishes, so
 * Playwright's own network-idle would wait forever), fonts in.
 */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  await page.evaluate(async () => {
    await document.fonts.ready;
    let count = -1;
    while (count !== performance.getEntriesByType('resource').length) {
      count = performance.getEntriesByType('resource').length;
      await new Promise((r) => setTimeout(r, 500));
    }
  });
}

/**
 * The page's cumulative layout shift so far: every layout-shift entry not
 * caused by recent input, summed (the simple sum is an upper bound of the
 * session-window figure Lighthouse reports), with the elements that moved.
 */
export function layoutShift(page: Page): Promise<{ cls: number; moved: string[] }> {
  return page.evaluate(
    () =>
      new Promise<{ cls: number; moved: string[] }>((resolve) => {
        type Shift = PerformanceEntry & { value: number; hadRecentInput: boolean; sources: { node?: Node }[] };
        let cls = 0;
        const moved = new Set<string>();
        new PerformanceObserver((list) => {
          for (const e of list.getEntries() as Shift[]) {
            if (e.hadRecentInput) continue;
            cls += e.value;
            for (const { node } of e.sources) {
              if (node instanceof Element) moved.add(`${node.tagName.toLowerCase()}.${[...node.classList].slice(0, 3).join('.')}`);
              else if (node) moved.add(`text "${node.textContent?.slice(0, 20)}"`);
            }
          }
        }).observe({ type: 'layout-shift', buffered: true });
        setTimeout(() => resolve({ cls, moved: [...moved] }), 100);
      }),
  );
}

/** Elements sticking out past the right edge of the window (empty when the page fits), to name in a failure. */
export function overflowingElements(page: Page): Promise<{ scrollWidth: number; width: number; culprits: string[] }> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.getAttribute('data-testid') ? `[data-testid=${el.getAttribute('data-testid')}]` : ''}.${[...el.classList].slice(0, 4).join('.')} (right ${Math.round(el.getBoundingClientRect().right)})`;
    const culprits = [...document.querySelectorAll('body *')]
      // Where the overflow starts: past the window's edge and past its own parent's.
      .filter((el) => {
        const right = el.getBoundingClientRect().right;
        const parentRight = el.parentElement?.getBoundingClientRect().right ?? 0;
        return right > width + 0.5 && right > parentRight + 0.5;
      })
      .slice(0, 8)
      .map(describe);
    return { scrollWidth: document.documentElement.scrollWidth, width, culprits };
  });
}
