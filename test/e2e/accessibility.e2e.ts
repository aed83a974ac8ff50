import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './helpers/axe.js';
import { desktop, launchBrowser, phone } from './helpers/browser.js';
import { appPaths, layoutShift, overflowingElements, publicPaths, type Site, settle, signIn, startSite } from './helpers/site.js';

/**
 * Every screen, signed in and signed out, light and dark, desktop and phone:
 * no serious or critical axe-core violation, no layout shift as the session
 * and the banners load (CLS under 0.05), and on phones nothing wider than the
 * screen, from 360 to 430 px.
 */

let site: Site;
let browser: Browser;

beforeAll(async () => {
  site = await startSite();
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await site?.stop();
});

type Theme = 'light' | 'dark';
const sizes = { desktop, phone } as const;

async function open(viewport: { width: number; height: number }, theme: Theme, signedIn: boolean): Promise<BrowserContext> {
  const mobile = viewport.width < 768;
  const context = await browser.newContext({
    baseURL: site.server.baseUrl,
    viewport,
    isMobile: mobile,
    hasTouch: mobile,
    // Accounts and visitors start on the "system" theme, which follows this.
    colorScheme: theme,
  });
  if (signedIn) await signIn(site, context);
  return context;
}

const pathsFor = (signedIn: boolean) => (signedIn ? [...appPaths(site), '/', '/privacy'] : publicPaths);

describe.each([
  ['signed out', false],
  ['signed in', true],
])('%s', (_, signedIn) => {
  for (const theme of ['light', 'dark'] as const) {
    for (const [sizeName, viewport] of Object.entries(sizes)) {
      it(`${theme}, ${sizeName}: every page has no serious accessibility violation and does not shift as it loads`, async () => {
        const context = await open(viewport, theme, signedIn);
        const page = await context.newPage();
        const problems: string[] = [];
        const shifts: string[] = [];
        for (const path of pathsFor(signedIn)) {
          await page.goto(path);
          await settle(page);
          const { cls, moved } = await layoutShift(page);
          shifts.push(`${path} ${cls.toFixed(3)}`);
          if (cls >= 0.05) problems.push(`${path}: layout shift ${cls.toFixed(3)}, moved: ${moved.join(', ')}`);
          for (const v of await seriousViolations(page)) problems.push(`${path}: ${v}`);
          if (sizeName === 'phone') {
            const o = await overflowingElements(page);
            if (o.scrollWidth > o.width)
              problems.push(`${path}: ${o.scrollWidth} px wide on a ${o.width} px screen: ${o.culprits.join(', ')}`);
          }
        }
        console.log(`CLS ${signedIn ? 'signed in' : 'signed out'}, ${theme}, ${sizeName}: ${shifts.join(', ')}\n${problems.join('\n')}`);
        await context.close();
        expect(problems, `${signedIn ? 'signed in' : 'signed out'}, ${theme}, ${sizeName}`).toEqual([]);
      }, 600_000);
    }
  }

  for (const width of [360, 430]) {
    it(`every page fits a ${width} px wide phone without scrolling sideways`, async () => {
      const context = await open({ width, height: 844 }, 'light', signedIn);
      const page = await context.newPage();
      const problems: string[] = [];
      for (const path of pathsFor(signedIn)) {
        await page.goto(path);
        await settle(page);
        const o = await overflowingElements(page);
        if (o.scrollWidth > o.width) problems.push(`${path}: ${o.scrollWidth} px wide: ${o.culprits.join(', ')}`);
      }
      await context.close();
      console.log(`${width} px ${signedIn ? 'signed in' : 'signed out'}:\n${problems.join('\n')}`);
      expect(problems).toEqual([]);
    }, 600_000);
  }
});
