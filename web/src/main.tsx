import './styles.css';
import { QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, StrictMode, startTransition, useEffect } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { createBrowserRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import type { Locale } from './api/contracts.js';
import { applyPreferences, storedLocale, storedTheme } from './features/preferences/preferences-store.js';
import { fillFirstAnswers } from './features/shell/first-answers.js';
import { setPrerenderedDemo } from './features/shell/prerendered-facts.js';
import { initI18n, locales } from './i18n/index.js';
import { sendTyping } from './lib/send-typing.js';
import { createQueryClient, seedSignedOut } from './query-client.js';
import { loadMatchedRoutes, routes } from './router.js';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

/** Set by the build on public pages it rendered to HTML: the language they are written in. */
const prerendered = locales.find((l) => l === root.dataset.prerendered);
if (prerendered) setPrerenderedDemo(root.dataset.demo === '1');
const preferences = { theme: storedTheme(), locale: storedLocale() };

interface EarlyInput {
  type: 'click' | 'submit';
  target: Element;
  submitter: HTMLElement | null;
}
declare global {
  interface Window {
    /** Set by /theme.js: the clicks and submissions held until the app runs; stops holding. */
    animegenTakeEarlyInput?: () => EarlyInput[];
  }
}

/**
 * Text typed into a prerendered field before the app ran is on screen but not
 * in the app's state (React adopts the field as it finds it): each such field
 * gets the input events the typing would have sent. Checkboxes ticked that
 * early are left as React renders them.
 */
function adoptEarlyTyping(root: HTMLElement): void {
  const skipped = ['checkbox', 'radio', 'file', 'hidden', 'submit', 'button'];
  // All read first: the first field's state change re-renders the form, which puts every other
  // controlled field back to its (empty) state.
  const typed = [...root.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')]
    .filter((f) => !(f instanceof HTMLInputElement && skipped.includes(f.type)) && f.value !== f.defaultValue)
    .map((field) => ({ field, value: field.value }));
  for (const { field, value } of typed) sendTyping(field, field.defaultValue, value);
}

/**
 * Hands the app what the visitor did before it ran, on the same elements (hydration keeps them).
 * The typing first, so a replayed submit sends it: each field also takes up, as it hydrates, text
 * typed while the page hydrated (components/ui/field.tsx), which this pass ran too early to see.
 */
function replayEarlyInput(input: EarlyInput[]): void {
  adoptEarlyTyping(root as HTMLElement);
  for (const { type, target, submitter } of input) {
    if (!target.isConnected) continue;
    if (type === 'click' && target instanceof HTMLElement) target.click();
    if (type === 'submit' && target instanceof HTMLFormElement) target.requestSubmit(submitter?.isConnected ? submitter : undefined);
  }
}

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
  // A signed-in screen's frame (data-app-shell) is replaced, not hydrated; its screen loaded
  // first, the app's first render is that screen's frame and not the router's bare placeholder.
  const appShell = (root as HTMLElement).dataset.appShell;
  const loadScreen = prerendered || appShell;
  await Promise.all([
    initI18n(firstLocale),
    loadScreen ? loadMatchedRoutes(window.location.pathname) : undefined,
    appShell ? fillFirstAnswers(queryClient) : undefined,
  ]);
  // Switching language re-renders every string, which must not happen mid-hydration.
  const switchAfterMount = preferences.locale !== firstLocale;
  if (!switchAfterMount) applyPreferences(preferences);
  // From here React sees the page's events itself (it hydrates what is clicked first).
  const early = window.animegenTakeEarlyInput?.() ?? [];
  const afterMount = () => {
    if (switchAfterMount) applyPreferences(preferences);
    // Outside React's own effect phase: the events it sends must render as a visitor's would.
    setTimeout(() => replayEarlyInput(early), 0);
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
    // The same for a signed-in screen's first render: in pieces, not one long task.
    startTransition(() => {
      createRoot(root as HTMLElement).render(app);
    });
  }
}

void start();
