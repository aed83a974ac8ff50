import { Suspense, useEffect } from 'react';
import { Outlet, ScrollRestoration, useNavigation } from 'react-router';
import { PageSkeleton } from '../../components/ui/skeleton.js';
import { loadAppStrings } from '../../i18n/index.js';
import { useTranslation } from '../../i18n/react.js';
import { useAfterMount } from '../../lib/after-mount.js';
import { OperatorAlerts } from '../admin/operator-alerts.js';
import { DebtBanner } from '../billing/debt-banner.js';
import { PreferencesSync } from '../preferences/preferences-sync.js';
import { CookieNotice } from '../privacy/cookie-notice.js';
import { PolicyBanner } from '../privacy/policy-banner.js';
import { useMe } from '../session/use-session.js';
import { AppHeader } from './app-header.js';
import { DemoBanner } from './demo-banner.js';
import { useScreenFrame } from './screen-handle.js';
import { SiteFooter } from './site-footer.js';
import { TabBar } from './tab-bar.js';
import { useShellReady } from './use-shell-ready.js';

/** Toasts follow an action, never the first paint: their code comes after it. */
const loadToaster = async () => (await import('../../components/ui/toaster.js')).Toaster;

/** The frame around every screen: header, banners, page, footer, phone tab bar, cookie notice, toasts. */
export function AppShell() {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const { data: me } = useMe();
  const ready = useShellReady();
  const Toaster = useAfterMount(loadToaster);
  const Frame = useScreenFrame();
  // Signed in: live notices (from any page) speak with the signed-in screens' strings.
  useEffect(() => {
    if (me) void loadAppStrings();
  }, [me]);

  return (
    <div className="page-glow flex min-h-dvh flex-col bg-fixed">
      <a
        href="#main"
        className="sr-only z-50 rounded-lg bg-white px-3 py-2 text-sm font-semibold focus:not-sr-only focus:fixed focus:top-3 focus:left-3 dark:bg-ink-850"
      >
        {t('nav.skip')}
      </a>
      {navigation.state !== 'idle' && (
        <div
          className="fixed inset-x-0 top-0 z-50 h-0.5 animate-shimmer bg-accent-gradient"
          role="progressbar"
          aria-label={t('common.loading')}
        />
      )}
      <AppHeader />
      {ready ? (
        <>
          <OperatorAlerts />
          <DemoBanner />
          <DebtBanner />
          <PolicyBanner />
          {/* At least a screen tall: the footer starts out of view, so a page growing or shrinking as its data loads moves nothing visible. */}
          <main id="main" className="min-h-dvh flex-1 pb-10">
            <Suspense fallback={<PageSkeleton />}>
              <Outlet />
            </Suspense>
          </main>
          <SiteFooter aboveTabBar={Boolean(me)} />
          <TabBar />
        </>
      ) : (
        // Until the banners are known: the screen's frame (or a placeholder), and no footer to push down.
        <>
          <DemoBanner />
          <main id="main" className="min-h-dvh flex-1 pb-10">
            {Frame ? <Frame /> : <PageSkeleton />}
          </main>
        </>
      )}
      <CookieNotice aboveTabBar={Boolean(me)} />
      {Toaster && <Toaster closeLabel={t('common.close')} />}
      <PreferencesSync />
      <ScrollRestoration />
    </div>
  );
}
