import { useState, useSyncExternalStore } from 'react';
import { Link } from 'react-router';
import { Button } from '../../components/ui/button.js';
import { CookieIcon } from '../../components/ui/icons.js';
import { useTranslation } from '../../i18n/react.js';
import { cn } from '../../lib/cn.js';

/** localStorage key remembering that the notice was read (listed on the cookie page). */
const NOTICE_KEY = 'animegen.notice';

function seen(): boolean {
  try {
    return localStorage.getItem(NOTICE_KEY) !== null;
  } catch {
    return false;
  }
}
const noSubscription = () => () => undefined;

/**
 * First visit only: says plainly that we use one sign-in cookie and local
 * preferences, no trackers. Informational, so it never blocks the page.
 */
export function CookieNotice({ aboveTabBar }: { aboveTabBar: boolean }) {
  const { t } = useTranslation();
  // A page rendered at build time shows the notice (nothing is known there), so hydration
  // starts from that too; public/theme.js hides it until then for a visitor who read it.
  const seenBefore = useSyncExternalStore(noSubscription, seen, () => false);
  const [open, setOpen] = useState(true);
  if (seenBefore || !open) return null;
  const dismiss = () => {
    try {
      localStorage.setItem(NOTICE_KEY, new Date().toISOString());
    } catch {
      // Private mode: the notice simply shows again next visit.
    }
    setOpen(false);
  };
  return (
    <section
      aria-label={t('cookieNotice.label')}
      data-testid="cookie-notice"
      className={cn(
        'fixed inset-x-3 z-40 mx-auto max-w-2xl animate-toast-in sm:inset-x-6 [html[data-notice-seen]_&]:hidden',
        aboveTabBar ? 'bottom-20 md:bottom-4' : 'bottom-3 sm:bottom-4',
      )}
    >
      <div className="flex flex-col gap-2.5 rounded-2xl bg-white/95 p-3.5 shadow-2xl sm:gap-3 sm:p-4 ring-1 ring-zinc-900/10 backdrop-blur sm:flex-row sm:items-center dark:bg-ink-850/95 dark:ring-white/10">
        <span className="hidden size-9 shrink-0 place-items-center rounded-xl bg-violet-50 text-violet-600 sm:grid dark:bg-violet-400/10 dark:text-violet-300">
          <CookieIcon size={20} />
        </span>
        <p className="flex-1 text-[13px] leading-snug text-zinc-600 sm:text-sm dark:text-zinc-300">
          {t('cookieNotice.body')}{' '}
          <Link to="/cookies" className="font-semibold whitespace-nowrap text-violet-700 hover:underline dark:text-violet-300">
            {t('cookieNotice.link')}
          </Link>
        </p>
        <Button size="sm" onClick={dismiss} data-testid="cookie-notice-ok" className="self-end sm:self-auto">
          {t('cookieNotice.ok')}
        </Button>
      </div>
    </section>
  );
}
