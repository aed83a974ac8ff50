import { Outlet } from 'react-router';
import { ConsoleNav } from '../features/admin/console-nav.js';
import { isOperator } from '../features/admin/permissions.js';
import { TwoFactorRequired } from '../features/admin/two-factor-required.js';
import { useMe } from '../features/session/use-session.js';
import { useTranslation } from '../i18n/react.js';
import { useDocumentTitle } from '../lib/use-document-title.js';
import NotFoundRoute from './not-found.js';

/**
 * /admin/* – the operator console's frame: its sections for the operator's
 * role, or the page asking to turn on two-factor sign-in first (the server
 * refuses every operator route without it). Anyone else gets the not-found page.
 */
export default function AdminConsoleRoute() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  if (!me || !isOperator(me.role)) return <NotFoundRoute />;
  if (!me.twoFactorEnabled) return <TwoFactorGate />;
  return (
    <div className="mx-auto max-w-6xl px-4 py-6 sm:px-6 lg:grid lg:grid-cols-[12.5rem_minmax(0,1fr)] lg:gap-8 lg:py-8">
      <aside className="mb-6 lg:mb-0">
        <p className="mb-3 hidden px-3 text-xs font-semibold tracking-wide text-zinc-500 uppercase lg:block dark:text-zinc-400">
          {t('console.title')}
        </p>
        <ConsoleNav role={me.role} />
      </aside>
      <div className="min-w-0">
        <Outlet />
      </div>
    </div>
  );
}

function TwoFactorGate() {
  const { t } = useTranslation();
  useDocumentTitle(t('console.title'));
  return (
    <div className="px-4 py-12 sm:px-6">
      <TwoFactorRequired />
    </div>
  );
}
