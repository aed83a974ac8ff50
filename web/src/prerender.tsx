/**
 * Build-time rendering of the public pages (scripts/prerender-web.mjs runs
 * this module's SSR build): each page in each language as the HTML a visitor
 * sees before any script ran. The browser then hydrates it (main.tsx).
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from 'react-router';
import { setPrerenderedDemo } from './features/shell/prerendered-facts.js';
import { loadStrings, locales, type UiLocale } from './i18n/index.js';
import { TranslatorProvider } from './i18n/react.js';
import { Translator } from './i18n/translator.js';
import { documentTitle } from './lib/use-document-title.js';
import { createQueryClient, seedSignedOut } from './query-client.js';
import { routes } from './router.js';

export { locales };

export interface PrerenderedPage {
  /** The exact URL path the server answers with this page. */
  path: string;
  /** File name (without .html) under pages/<lang>/. */
  name: string;
  /** The screen's module, as the client build's manifest names it: its chunk is preloaded. */
  module: string;
  /** i18n key of the tab title (the landing page has none). */
  titleKey?: string;
  /** An API answer the page shows at once: fetched alongside the scripts, not after them. */
  preloadApi?: string[];
}

/** The public pages: the same for every visitor who is not signed in. */
export const pages: PrerenderedPage[] = [
  { path: '/', name: 'home', module: 'src/routes/home.tsx' },
  { path: '/sign-in', name: 'sign-in', module: 'src/routes/sign-in.tsx', titleKey: 'auth.signIn.title' },
  { path: '/sign-up', name: 'sign-up', module: 'src/routes/sign-up.tsx', titleKey: 'auth.signUp.title' },
  // The legal texts come from the server (operator-edited files and live settings), so
  // these pages carry their frame and a placeholder; the text loads with the page.
  { path: '/privacy', name: 'privacy', module: 'src/routes/legal.tsx', titleKey: 'legal.privacy', preloadApi: ['/api/legal/privacy'] },
  { path: '/terms', name: 'terms', module: 'src/routes/legal.tsx', titleKey: 'legal.terms', preloadApi: ['/api/legal/terms'] },
  { path: '/cookies', name: 'cookies', module: 'src/routes/legal.tsx', titleKey: 'legal.cookies', preloadApi: ['/api/legal/cookies'] },
];

/** The i18n module of each language, as the client build's manifest names it: preloaded with the page. */
export const localeModules: Record<UiLocale, string> = { en: 'src/i18n/en.json', ja: 'src/i18n/ja.json' };
/** The signed-in screens' strings of each language (see appScreen in router.tsx). */
export const appLocaleModules: Record<UiLocale, string> = { en: 'src/i18n/app.en.json', ja: 'src/i18n/app.ja.json' };

/**
 * A signed-in screen. Its content is the visitor's own, so nothing is
 * rendered; the page is the app's index.html with everything the screen will
 * ask for named in <head>: its chunks, its strings, and the API answers it
 * shows first. The browser fetches them all at once, instead of each in turn
 * as the script discovers it needs the next (script, then session, then
 * policy, then the screen's data: four round trips on a phone's network).
 */
export interface AppShellPage {
  path: string;
  name: string;
  module: string;
  /** Exactly the URLs the screen's first queries fetch (an e2e test holds each one used). */
  preloadApi: string[];
}

/** What every signed-in screen asks first: the session, the server's facts, the policy gate. */
const signedIn = ['/api/me', '/api/meta', '/api/me/policy'];

export const appShells: AppShellPage[] = [
  {
    path: '/create',
    name: 'create',
    module: 'src/routes/create.tsx',
    preloadApi: [...signedIn, '/api/models', '/api/presets', '/api/generations?limit=24'],
  },
  {
    path: '/gallery',
    name: 'gallery',
    module: 'src/routes/gallery.tsx',
    // The models and albums fill the filter controls and the albums panel.
    preloadApi: [...signedIn, '/api/models', '/api/albums', '/api/generations?limit=24'],
  },
];

const i18n = new Translator('en');
const ready = (async () => {
  for (const lng of locales) {
    i18n.add(lng, await loadStrings(lng));
    // The signed-in screens' frames speak with their own strings.
    i18n.add(lng, (await import(`./i18n/app.${lng}.json`)).default);
  }
})();

/** Renders one page in one language, with or without the demo banner: the #root markup, the tab title and the <noscript> text. */
export async function renderPage(
  page: PrerenderedPage,
  lang: UiLocale,
  demo: boolean,
): Promise<{ html: string; title: string; noscript: string }> {
  await ready;
  setPrerenderedDemo(demo);
  const html = await renderRoute(page.path, lang, true);
  return { html, title: documentTitle(page.titleKey ? i18n.t(page.titleKey) : undefined), noscript: i18n.t('common.noscript') };
}

/**
 * A signed-in screen's frame as the app draws it while the session loads: the
 * header with the brand, the demo banner when the server runs on demo images,
 * and the screen's own frame (its title, the shapes of what loads). Painted
 * before any script runs; the app replaces it (not hydrated: nothing in it is
 * the user's).
 */
export async function renderAppShell(shell: AppShellPage, lang: UiLocale, demo: boolean): Promise<string> {
  await ready;
  setPrerenderedDemo(demo);
  return renderRoute(shell.path, lang, false);
}

async function renderRoute(path: string, lang: UiLocale, signedOut: boolean): Promise<string> {
  i18n.setLanguage(lang);
  const handler = createStaticHandler(routes);
  const context = await handler.query(new Request(`http://localhost${path}`));
  if (context instanceof Response) throw new Error(`${path} answered ${context.status} instead of a page`);
  const router = createStaticRouter(handler.dataRoutes, context);
  const queryClient = createQueryClient();
  // A public page is the visitor's view; a signed-in screen's session is left unknown (pending).
  if (signedOut) seedSignedOut(queryClient);
  // The same tree as main.tsx, so hydration finds exactly this markup.
  const html = renderToString(
    <StrictMode>
      <TranslatorProvider translator={i18n}>
        <QueryClientProvider client={queryClient}>
          <StaticRouterProvider router={router} context={context} hydrate={false} />
        </QueryClientProvider>
      </TranslatorProvider>
    </StrictMode>,
  );
  queryClient.clear();
  return html;
}
