import type { ComponentType } from 'react';
import { matchRoutes, type RouteObject } from 'react-router';
import { PageSkeleton } from './components/ui/skeleton.js';
import { RequireAuth } from './features/session/require-auth.js';
import { AppShell } from './features/shell/app-shell.js';
import { RouteError } from './features/shell/route-error.js';
import type { ScreenHandle } from './features/shell/screen-handle.js';
import { loadAppStrings } from './i18n/index.js';

/** Each screen is its own chunk, loaded on first visit. */
const screen = (load: () => Promise<{ default: ComponentType }>) => async () => ({ Component: (await load()).default });

/** A signed-in screen: its code and the signed-in screens' strings, loaded side by side; its frame as the route's handle. */
const appScreen = (load: () => Promise<{ default: ComponentType; Frame?: ComponentType }>) => async () => {
  const [module] = await Promise.all([load(), loadAppStrings()]);
  const handle: ScreenHandle = { Frame: module.Frame };
  return { Component: module.default, handle };
};

/**
 * The route table, shared by the browser (createBrowserRouter in main.tsx) and
 * the build-time prerender of the public pages (prerender.tsx).
 */
export const routes: RouteObject[] = [
  {
    element: <AppShell />,
    errorElement: <RouteError />,
    hydrateFallbackElement: <PageSkeleton />,
    children: [
      { index: true, lazy: screen(() => import('./routes/home.js')) },
      { path: 'sign-in', lazy: screen(() => import('./routes/sign-in.js')) },
      { path: 'sign-up', lazy: screen(() => import('./routes/sign-up.js')) },
      { path: 'forgot-password', lazy: screen(() => import('./routes/forgot-password.js')) },
      { path: 'reset-password', lazy: screen(() => import('./routes/reset-password.js')) },
      { path: 'verified', lazy: screen(() => import('./routes/verified.js')) },
      { path: 'dev/mail', lazy: screen(() => import('./routes/dev-mail.js')) },
      { path: 'privacy', lazy: screen(() => import('./routes/legal.js')) },
      { path: 'terms', lazy: screen(() => import('./routes/legal.js')) },
      { path: 'cookies', lazy: screen(() => import('./routes/legal.js')) },
      { path: 'privacy-request', lazy: screen(() => import('./routes/privacy-request.js')) },
      { path: 'account-deleted', lazy: screen(() => import('./routes/account-deleted.js')) },
      {
        element: <RequireAuth />,
        children: [
          { path: 'welcome', lazy: appScreen(() => import('./routes/welcome.js')) },
          { path: 'create', lazy: appScreen(() => import('./routes/create.js')) },
          { path: 'gallery', lazy: appScreen(() => import('./routes/gallery.js')) },
          { path: 'g/:id', lazy: appScreen(() => import('./routes/generation.js')) },
          { path: 'tools', lazy: appScreen(() => import('./routes/tools.js')) },
          { path: 'credits', lazy: appScreen(() => import('./routes/credits.js')) },
          { path: 'trash', lazy: appScreen(() => import('./routes/trash.js')) },
          { path: 'settings', lazy: appScreen(() => import('./routes/settings.js')) },
          { path: 'support', lazy: appScreen(() => import('./routes/support.js')) },
          { path: 'support/:id', lazy: appScreen(() => import('./routes/support.js')) },
          {
            // The operator console: its frame, then each section as its own chunk.
            path: 'admin',
            lazy: appScreen(() => import('./routes/admin.js')),
            children: [
              { index: true, lazy: screen(() => import('./routes/admin-dashboard.js')) },
              { path: 'users', lazy: screen(() => import('./routes/admin-users.js')) },
              { path: 'users/:id', lazy: screen(() => import('./routes/admin-user.js')) },
              { path: 'moderation', lazy: screen(() => import('./routes/admin-moderation.js')) },
              { path: 'audit', lazy: screen(() => import('./routes/admin-audit.js')) },
              { path: 'support', lazy: screen(() => import('./routes/admin-support.js')) },
              { path: 'privacy-requests', lazy: screen(() => import('./routes/admin-privacy-requests.js')) },
            ],
          },
        ],
      },
      { path: '*', lazy: screen(() => import('./routes/not-found.js')) },
    ],
  },
];

/**
 * Loads the lazy screens matching `pathname` into the route table. Hydrating a
 * prerendered page needs its screen's code before the first render, or the
 * router would render its fallback where the server's HTML has the screen.
 */
export async function loadMatchedRoutes(pathname: string): Promise<void> {
  const matches = matchRoutes(routes, pathname) ?? [];
  await Promise.all(
    matches.map(async ({ route }) => {
      if (typeof route.lazy !== 'function') return;
      const loaded = await route.lazy();
      Object.assign(route, { ...loaded, lazy: undefined });
    }),
  );
}
