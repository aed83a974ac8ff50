import './styles.css';
import { QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, StrictMode, startTransition, useEffect } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { createBrowserRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import type { Locale } from './api/contracts.js';
import { applyPreferences, storedLocale, storedTheme } from './features/preferences/preferences-store.js';
import { setPrerenderedDemo } from './features/shell/prerendered-facts.js';
import { initI18n, locales } from './i18n/index.js';
import { createQueryClient, seedSignedOut } from './query-client.js';
import { loadMatchedRoutes, routes } from './router.js';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

/** Set by the build on public pages it rendered to HTML: the language they are written in. */
const prerendered = locales.find((l) => l === root.dataset.prerendered);
if (prerendered) setPrerenderedDemo(root.dataset.demo === '1');
const preferences = { theme: storedTheme(), locale: storedLocale() };

/** Runs once the first render is on screen (for a prerendered page: once hydrated). */
function OnMounted({ run, children }: { run: () => void; children: ReactNode }) {
  useEffect(run, [run]);
  return children;
}

async function start(): Promise<void> {
  // A prerendered page is hydrated in the language it was written in; the
  // device's own choice (when another) applies right after.
  const firstLocale: Locale = prerendered ?? preferences.locale;
  const queryClient = createQueryClient();
  await Promise.all([initI18n(firstLocale), prerendered ? loadMatchedRoutes(window.location.pathname) : undefined]);
  // Switching language re-renders every string, which must not happen mid-hydration.
  const switchAfterMount = preferences.locale !== firstLocale;
  if (!switchAfterMount) applyPreferences(preferences);
  const afterMount = () => {
    if (switchAfterMount) applyPreferences(preferences);
  };
  const router = createBrowserRouter(routes);
  const app = (
    <StrictMode>
      <OnMounted run={afterMount}>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </OnMounted>
    </StrictMode>
  );
  if (prerendered) {
    seedSignedOut(queryClient);
    // A transition lets the browser answer input between pieces of hydration.
    startTransition(() => {
      hydrateRoot(root as HTMLElement, app);
    });
  } else {
    createRoot(root as HTMLElement).render(app);
  }
}

void start();
