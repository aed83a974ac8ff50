import { Link } from 'react-router';
import { buttonClass } from '../../components/ui/button.js';
import { LogOutIcon, MailIcon } from '../../components/ui/icons.js';
import { useTranslation } from '../../i18n/react.js';
import { LanguageSelect, ThemeSelect } from '../preferences/preferences-form.js';
import { usePreferences } from '../preferences/use-preferences.js';
import { useMe, useSignOut } from '../session/use-session.js';

/** The inside of the header's menu (shell-menu.tsx): loaded after the first paint, as it shows only once opened. */
export function MenuPanel({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const prefs = usePreferences();
  const signOut = useSignOut();
  return (
    <>
      {me && (
        <div className="mb-4 min-w-0 border-b border-zinc-900/5 pb-3 dark:border-white/10">
          <p className="truncate text-sm font-semibold">{me.name}</p>
          <p className="truncate text-xs text-zinc-600 dark:text-zinc-400">{me.email}</p>
        </div>
      )}
      <div className="grid gap-3">
        <LanguageSelect prefs={prefs} testId="menu-locale-select" />
        <ThemeSelect prefs={prefs} testId="menu-theme-select" />
      </div>
      {me && (
        <Link to="/support" onClick={onClose} data-testid="menu-support" className={buttonClass('ghost', 'md', 'mt-4 w-full')}>
          <MailIcon size={18} />
          {t('nav.support')}
        </Link>
      )}
      {me && (
        <button
          type="button"
          onClick={() => {
            onClose();
            signOut.mutate();
          }}
          disabled={signOut.isPending}
          data-testid="menu-sign-out"
          className={buttonClass('secondary', 'md', 'mt-2 w-full')}
        >
          <LogOutIcon size={18} />
          {t('header.signOut')}
        </button>
      )}
    </>
  );
}
