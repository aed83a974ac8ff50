import type { Locale, Theme } from '../../api/contracts.js';
import { SelectField } from '../../components/ui/field.js';
import { useTranslation } from '../../i18n/react.js';
import { usePreferences } from './use-preferences.js';

const themes: Theme[] = ['system', 'light', 'dark'];
/** Language names are written in their own language, as users look for them. */
const languages: { value: Locale; label: string }[] = [
  { value: 'en', label: 'English' },
  { value: 'ja', label: '日本語' },
];

/** Theme and language: applied at once, saved on this device and on the account. */
export function PreferencesForm() {
  const { t } = useTranslation();
  const { theme, locale, setTheme, setLocale } = usePreferences();
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <SelectField label={t('settings.theme')} value={theme} onChange={(e) => setTheme(e.target.value as Theme)} data-testid="theme-select">
        {themes.map((v) => (
          <option key={v} value={v}>
            {t(`settings.themes.${v}`)}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t('settings.language')}
        value={locale}
        onChange={(e) => setLocale(e.target.value as Locale)}
        data-testid="locale-select"
      >
        {languages.map((l) => (
          <option key={l.value} value={l.value} lang={l.value}>
            {l.label}
          </option>
        ))}
      </SelectField>
    </div>
  );
}
