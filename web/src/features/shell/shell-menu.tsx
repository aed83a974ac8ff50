import { useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale, Theme } from '../../api/contracts.js';
import { buttonClass } from '../../components/ui/button.js';
import { SelectField } from '../../components/ui/field.js';
import { GlobeIcon, LogOutIcon, MenuIcon } from '../../components/ui/icons.js';
import { cn } from '../../lib/cn.js';
import { usePreferences } from '../preferences/use-preferences.js';
import { useMe, useSignOut } from '../session/use-session.js';

const themes: Theme[] = ['system', 'light', 'dark'];
/** Language names are written in their own language, as users look for them. */
const languages: { value: Locale; label: string }[] = [
  { value: 'en', label: 'English' },
  { value: 'ja', label: '日本語' },
];

/**
 * The header's menu. Everyone can switch language and theme from it (a
 * visitor has no Settings page); on phones, where the header has no room for
 * the account buttons, a signed-in user also signs out here. A native popover:
 * it closes on Escape and on a tap outside, and sits above the page without
 * moving it.
 */
export function ShellMenu() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const { theme, locale, setTheme, setLocale } = usePreferences();
  const signOut = useSignOut();
  const id = useId();
  const panel = useRef<HTMLDivElement>(null);

  return (
    <>
      <button
        type="button"
        popoverTarget={id}
        data-testid="shell-menu-button"
        className={buttonClass('ghost', 'sm', cn('size-9 px-0', me && 'md:hidden'))}
        aria-label={t(me ? 'header.menu' : 'header.preferences')}
        title={t(me ? 'header.menu' : 'header.preferences')}
      >
        {me ? <MenuIcon size={20} /> : <GlobeIcon size={20} />}
      </button>
      <div
        id={id}
        ref={panel}
        popover="auto"
        data-testid="shell-menu"
        aria-label={t(me ? 'header.menu' : 'header.preferences')}
        role="dialog"
        className="inset-auto top-[4.25rem] right-[max(1rem,calc((100vw-72rem)/2+1.5rem))] m-0 w-72 max-w-[calc(100vw-2rem)] rounded-2xl bg-white p-4 text-zinc-900 shadow-2xl ring-1 ring-zinc-900/10 dark:bg-ink-850 dark:text-zinc-100 dark:ring-white/10"
      >
        {me && (
          <div className="mb-4 min-w-0 border-b border-zinc-900/5 pb-3 dark:border-white/10">
            <p className="truncate text-sm font-semibold">{me.name}</p>
            <p className="truncate text-xs text-zinc-600 dark:text-zinc-400">{me.email}</p>
          </div>
        )}
        <div className="grid gap-3">
          <SelectField
            label={t('settings.language')}
            value={locale}
            onChange={(e) => setLocale(e.target.value as Locale)}
            data-testid="menu-locale-select"
          >
            {languages.map((l) => (
              <option key={l.value} value={l.value} lang={l.value}>
                {l.label}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('settings.theme')}
            value={theme}
            onChange={(e) => setTheme(e.target.value as Theme)}
            data-testid="menu-theme-select"
          >
            {themes.map((v) => (
              <option key={v} value={v}>
                {t(`settings.themes.${v}`)}
              </option>
            ))}
          </SelectField>
        </div>
        {me && (
          <button
            type="button"
            onClick={() => {
              panel.current?.hidePopover();
              signOut.mutate();
            }}
            disabled={signOut.isPending}
            data-testid="menu-sign-out"
            className={buttonClass('secondary', 'md', 'mt-4 w-full')}
          >
            <LogOutIcon size={18} />
            {t('header.signOut')}
          </button>
        )}
      </div>
    </>
  );
}
