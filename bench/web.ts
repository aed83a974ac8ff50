/**
 * `npm run bench:web`: Lighthouse 13 in Debian's chromium against the built
 * web app as it ships (`npm run build:web`, served by `animegen start` on a
 * free port with its own data folder), on the public pages and, signed in,
 * /create and /gallery; mobile (Lighthouse's default: a mid-range phone on a
 * slow 4G link, simulated) and desktop. Prints per page the performance,
 * accessibility and best-practice scores, FCP, LCP, CLS, TBT and the bytes
 * transferred, beside the goals (misses marked, never a failure: the figures
 * move with the machine's load: each run's CPU index and load average are
 * printed, as blocking time and so the performance score suffer most on a
 * busy machine), then each public page's first-load script and CSS as gzip
 * and brotli bytes.
 *
 * CHROMIUM_PATH picks the browser (default /usr/bin/chromium),
 * BENCH_WEB_PAGES a comma-separated subset of pages, BENCH_WEB_PRESETS
 * `mobile`, `desktop` or both, BENCH_WEB_NO_BUILD=1 reuses dist/web,
 * BENCH_WEB_REPORTS=<folder> keeps each page's whole Lighthouse report (JSON)
 * there, for the diagnostics behind a score (long tasks, script bootup),
 * BENCH_WEB_RUNS the runs per page (default 3, taken in rounds over the
 * pages; the median is reported). Each signed-in screen is also printed beside
 * /sign-in's score in the same run.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch } from 'chrome-launcher';
import lighthouse, { desktopConfig } from 'lighthouse';
import { chromium } from 'playwright-core';
import { chromiumFlags } from '../test/e2e/helpers/browser.js';
import { firstLoadFromHtml } from '../test/e2e/helpers/first-load.js';
import { freePort, spawnAnimegen, waitForHealth } from '../test/helpers/process.js';

const chromePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const publicPages = ['/', '/sign-in', '/sign-up', '/privacy', '/terms'];
const signedInPages = ['/create', '/gallery'];
const chosen = process.env.BENCH_WEB_PAGES?.split(',').map((p) => p.trim());
const pages = [...publicPages, ...signedInPages].filter((p) => !chosen || chosen.includes(p));
const presets = (process.env.BENCH_WEB_PRESETS ?? 'mobile,desktop')
  .split(',')
  .filter((p): p is Preset => p === 'mobile' || p === 'desktop');
type Preset = 'mobile' | 'desktop';

/**
 * Lighthouse runs per page: its scores move from run to run with the
 * machine's load, so the run with the median performance score is reported
 * (as Lighthouse's own guidance on variability advises), beside the range.
 */
const runsPerPage = Math.max(1, Number(process.env.BENCH_WEB_RUNS ?? 3) || 1);

/** The goals of the issue: scores are 0–1, CLS unitless. */
const goals = { performance: 0.9, accessibility: 0.95, bestPractices: 0.9, cls: 0.05 };

interface Figures {
  page: string;
  preset: Preset;
  performance: number | null;
  accessibility: number | null;
  bestPractices: number | null;
  fcpMs: number;
  lcpMs: number;
  cls: number;
  tbtMs: number;
  bytes: number;
  /** Lighthouse's measure of the machine's CPU speed during the run (lower = slower or busier). */
  benchmarkIndex: number;
  /** The lowest and highest performance score over the page's runs. */
  range: [number, number];
  warnings: string[];
}

async function main(): Promise<void> {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  if (major < 22 || (major === 22 && minor < 19)) {
    console.log(
      `note: Lighthouse 13 declares Node >= 22.19; this is Node ${process.versions.node}. ` +
        'If it fails to start, run the bench with Node 22.19 or newer.',
    );
  }
  if (process.env.BENCH_WEB_NO_BUILD !== '1') {
    console.log('building the web app (npm run build:web)…');
    const built = spawnSync('npm', ['run', 'build:web', '--silent'], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
    if (built.status !== 0) throw new Error('npm run build:web failed');
  }

  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'animegen-bench-web-'));
  const base = `http://127.0.0.1:${port}`;
  // The development mailbox (test mode, loopback only) verifies the signed-in user without SMTP.
  // Its own PGlite in the temp folder, even when the other benches were given a DATABASE_URL.
  delete process.env.DATABASE_URL;
  const server = spawnAnimegen('start', {
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: base,
    DATA_DIR: dataDir,
    AUTH_RATE_LIMIT: '0',
  });
  const chrome = await launch({
    chromePath,
    chromeFlags: ['--headless=new', ...chromiumFlags],
  });
  try {
    await waitForHealth(base, server);
    const cookie = pages.some((p) => signedInPages.includes(p)) ? await signedInCookie(base) : '';
    // Each page once unmeasured: the server's first answers (file lookups, the session query) are not what a visitor meets.
    for (const page of pages) await fetch(base + page, { headers: signedInPages.includes(page) ? { cookie } : {} });

    const results: Figures[] = [];
    for (const preset of presets) {
      // Round by round over the pages (A B C A B C), so a machine that slows down or speeds up
      // mid-run moves every page alike and the pages stay comparable with each other.
      const runs = new Map<string, Figures[]>(pages.map((page) => [page, []]));
      for (let run = 1; run <= runsPerPage; run++) {
        for (const page of pages) {
          const figures = await audit(chrome.port, base, page, preset, signedInPages.includes(page) ? cookie : undefined, run);
          runs.get(page)?.push(figures);
          const load = loadavg()[0]?.toFixed(1);
          console.log(
            `  ${preset.padEnd(7)} ${page.padEnd(9)} run ${run}: perf ${score(figures.performance)} (CPU index ${figures.benchmarkIndex.toFixed(0)}, load ${load})`,
          );
        }
      }
      for (const page of pages) results.push(median(runs.get(page) ?? []));
    }
    printScores(results);
    printBesidePublic(results);
    await printFirstLoad(base);
  } finally {
    chrome.kill();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * Makes the running browser's cookie jar hold exactly `name=value; …` for
 * `base` (nothing for a visitor: Lighthouse's storage reset leaves cookies, so
 * a session from a signed-in page would follow a public page measured after
 * it), and empties its HTTP cache: with storage reset off, each signed-in page
 * is still a first visit.
 */
async function putCookies(port: number, base: string, header: string): Promise<void> {
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  try {
    const cookies = header
      .split('; ')
      .filter(Boolean)
      .map((pair) => {
        const at = pair.indexOf('=');
        return { name: pair.slice(0, at), value: pair.slice(at + 1), url: base };
      });
    const context = browser.contexts()[0];
    if (!context) throw new Error('the browser has no context to hold the session cookie');
    await context.clearCookies();
    await context.addCookies(cookies);
    const tab = context.pages()[0] ?? (await context.newPage());
    await (await context.newCDPSession(tab)).send('Network.clearBrowserCache');
  } finally {
    // Only the connection closes; the browser stays for Lighthouse.
    await browser.close();
  }
}

/** A new account, verified through the development mailbox's link; returns the session cookie header. */
async function signedInCookie(base: string): Promise<string> {
  const email = `bench.web.${Date.now()}@example.test`;
  const signUp = await fetch(`${base}/api/auth/sign-up/email`, {
    method: 'POST',
    headers: { origin: base, 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'cherry-blossom-2024', name: 'Bench Web', ageConfirmed: true }),
  });
  if (!signUp.ok) throw new Error(`sign-up: ${signUp.status} ${await signUp.text()}`);
  const mail = (await (await fetch(`${base}/api/dev/mail`)).json()) as { messages: { to: string; links: string[] }[] };
  const link = mail.messages.find((m) => m.to === email)?.links.find((l) => l.includes('/verify-email'));
  if (!link) throw new Error(`no verification e-mail for ${email}`);
  const verified = await fetch(link, { redirect: 'manual' });
  const cookie = verified.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .filter((c) => !c.endsWith('='))
    .join('; ');
  if (!cookie) throw new Error('the verification link set no session cookie');
  return cookie;
}

/** The run with the median performance score, carrying the range of all of them. */
function median(runs: Figures[]): Figures {
  const sorted = [...runs].sort((a, b) => (a.performance ?? 0) - (b.performance ?? 0));
  const mid = sorted[Math.floor((sorted.length - 1) / 2)] as Figures;
  return { ...mid, range: [sorted[0]?.performance ?? 0, sorted.at(-1)?.performance ?? 0] };
}

/**
 * One Lighthouse run of a page. A run whose trace came out broken (Lighthouse's
 * runtime errors, e.g. NO_NAVSTART: "run Lighthouse again") is run once more
 * instead of ending the whole bench.
 */
async function audit(port: number, base: string, page: string, preset: Preset, cookie: string | undefined, run: number): Promise<Figures> {
  try {
    return await auditOnce(port, base, page, preset, cookie, run);
  } catch (err) {
    console.log(`  ${preset} ${page} run ${run}: ${(err as Error).message}; running it again`);
    return auditOnce(port, base, page, preset, cookie, run);
  }
}

async function auditOnce(
  port: number,
  base: string,
  page: string,
  preset: Preset,
  cookie: string | undefined,
  run: number,
): Promise<Figures> {
  await putCookies(port, base, cookie ?? '');
  const result = await lighthouse(
    base + page,
    {
      port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility', 'best-practices'],
      // Signed in: the session cookie sits in the browser's own jar (an extra Cookie header
      // reaches the page but not its script's requests), which Lighthouse must not clear.
      ...(cookie ? { disableStorageReset: true } : {}),
    },
    preset === 'desktop' ? desktopConfig : undefined,
  );
  if (!result) throw new Error(`Lighthouse gave no result for ${page}`);
  const { lhr } = result;
  const reports = process.env.BENCH_WEB_REPORTS;
  if (reports) {
    mkdirSync(reports, { recursive: true });
    writeFileSync(join(reports, `${preset}${page.replaceAll('/', '_')}.${run}.json`), JSON.stringify(lhr));
  }
  if (lhr.runtimeError) throw new Error(`${page}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  // A signed-in page that sent us to sign-in measured the wrong page.
  const landed = new URL(lhr.finalDisplayedUrl).pathname;
  const warnings = landed === page ? lhr.runWarnings : [`${page} ended on ${landed}`, ...lhr.runWarnings];
  const value = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
  return {
    page,
    preset,
    performance: lhr.categories.performance?.score ?? null,
    accessibility: lhr.categories.accessibility?.score ?? null,
    bestPractices: lhr.categories['best-practices']?.score ?? null,
    fcpMs: value('first-contentful-paint'),
    lcpMs: value('largest-contentful-paint'),
    cls: value('cumulative-layout-shift'),
    tbtMs: value('total-blocking-time'),
    bytes: value('total-byte-weight'),
    benchmarkIndex: lhr.environment.benchmarkIndex,
    range: [lhr.categories.performance?.score ?? 0, lhr.categories.performance?.score ?? 0],
    warnings,
  };
}

const score = (s: number | null) => (s === null ? '  – ' : s.toFixed(2));
const mark = (ok: boolean) => (ok ? ' ' : '✗');

function printScores(results: Figures[]): void {
  const lines = [
    '',
    `Lighthouse ${presets.join(' and ')} (goals: performance ≥ ${goals.performance}, accessibility ≥ ${goals.accessibility}, ` +
      `best practices ≥ ${goals.bestPractices}, CLS < ${goals.cls}; ✗ = missed)`,
    `${runsPerPage} run(s) per page; each row is the run with the median performance score, with the range over all runs`,
    'preset  page      |  perf  |   range   | a11y   | BP     |   FCP s |   LCP s |  CLS    | TBT ms | transfer KB',
  ];
  for (const r of results) {
    const at = (s: number | null, goal: number) => `${score(s)} ${mark(s !== null && s >= goal)}`;
    lines.push(
      `${r.preset.padEnd(7)} ${r.page.padEnd(9)} | ${at(r.performance, goals.performance)} | ${score(r.range[0])}–${score(r.range[1])} | ` +
        `${at(r.accessibility, goals.accessibility)} | ` +
        `${at(r.bestPractices, goals.bestPractices)} | ${(r.fcpMs / 1000).toFixed(2).padStart(7)} | ${(r.lcpMs / 1000).toFixed(2).padStart(7)} | ` +
        `${r.cls.toFixed(3)} ${mark(r.cls < goals.cls)} | ${r.tbtMs.toFixed(0).padStart(6)} | ${(r.bytes / 1024).toFixed(1).padStart(11)}`,
    );
  }
  const warnings = [...new Set(results.flatMap((r) => r.warnings))];
  if (warnings.length) lines.push('', 'Lighthouse warned:', ...warnings.map((w) => `  - ${w}`));
  console.log(lines.join('\n'));
}

/**
 * Each signed-in screen's median performance beside /sign-in's in the same
 * run: the score moves with the machine (Lighthouse multiplies its main-thread
 * time by 4), the ratio much less, so it tells how far a screen is from what a
 * public page reaches on the same machine at the same time.
 */
function printBesidePublic(results: Figures[]): void {
  const lines: string[] = [];
  for (const preset of presets) {
    const base = results.find((r) => r.preset === preset && r.page === '/sign-in')?.performance;
    if (!base) continue;
    for (const r of results.filter((x) => x.preset === preset && signedInPages.includes(x.page) && x.performance !== null)) {
      lines.push(
        `${preset.padEnd(7)} ${r.page.padEnd(9)} | ${score(r.performance)} = ${((r.performance ?? 0) / base).toFixed(2)}× /sign-in's ${score(base)}`,
      );
    }
  }
  if (lines.length) console.log(['', 'signed-in screens beside /sign-in, same run (median performance)', ...lines].join('\n'));
}

async function printFirstLoad(base: string): Promise<void> {
  const kb = (n: number) => (n / 1024).toFixed(1).padStart(8);
  const lines = [
    '',
    'first-load bytes named by each public page (budget: JS ≤ 150 KB, CSS ≤ 30 KB, gzip)',
    'page      |  JS gzip |    JS br | CSS gzip |   CSS br',
  ];
  for (const page of publicPages.filter((p) => pages.includes(p))) {
    const f = await firstLoadFromHtml(base, page);
    lines.push(`${page.padEnd(9)} | ${kb(f.gzip.js)} | ${kb(f.br.js)} | ${kb(f.gzip.css)} | ${kb(f.br.css)}`);
  }
  console.log(lines.join('\n'));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
