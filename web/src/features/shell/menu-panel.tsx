import type { Locale, Theme } from '../../api/contracts.js';
import { buttonClass } from '../../components/ui/button.js';
import { SelectField } from '../../components/ui/field.js';
import { LogOutIcon } from '../../components/ui/icons.js';
import { useTranslation } from '../../i18n/react.js';
import { usePreferences } from '../preferences/use-preferences.js';
import { useMe, useSignOut } from '../session/use-session.js';

const themes: Theme[] = ['system', 'light', 'dark'];
/** Language names are written in their own language, as users look for them. */
const languages: { value: Locale; label: string }[] = [
  { value: 'en', label: 'English' },
  { value: 'ja', label: '日本語' },
];

/** The inside of the header's menu (shell-menu.tsx): loaded after the first paint, as it shows only once opened. */
export function MenuPanel({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const { theme, locale, setTheme, setLocale } = usePreferences();
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
            onClose();
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
    </>
  );
}
