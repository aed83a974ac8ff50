import type { Locale, Theme } from '../../api/contracts.js';
import { CheckboxField, SelectField } from '../../components/ui/field.js';
import { useTranslation } from '../../i18n/react.js';
import { setKeepTagUnderscores, useKeepTagUnderscores } from './tag-display-store.js';
import { usePreferences } from './use-preferences.js';

const themes: Theme[] = ['system', 'light', 'dark'];
/** Language names are written in their own language, as users look for them. */
const languages: { value: Locale; label: string }[] = [
  { value: 'en', label: 'English' },
  { value: 'ja', label: '日本語' },
];

type Preferences = ReturnType<typeof usePreferences>;

/** The theme picker (Settings, and the header menu): applied at once. */
export function ThemeSelect({ prefs, testId }: { prefs: Preferences; testId: string }) {
  const { t } = useTranslation();
  return (
    <SelectField
      label={t('settings.theme')}
      value={prefs.theme}
      onChange={(e) => prefs.setTheme(e.target.value as Theme)}
      data-testid={testId}
    >
      {themes.map((v) => (
        <option key={v} value={v}>
          {t(`settings.themes.${v}`)}
        </option>
      ))}
    </SelectField>
  );
}

/** The language picker (Settings, and the header menu): applied at once. */
export function LanguageSelect({ prefs, testId }: { prefs: Preferences; testId: string }) {
  const { t } = useTranslation();
  return (
    <SelectField
      label={t('settings.language')}
      value={prefs.locale}
      onChange={(e) => prefs.setLocale(e.target.value as Locale)}
      data-testid={testId}
    >
      {languages.map((l) => (
        <option key={l.value} value={l.value} lang={l.value}>
          {l.label}
        </option>
      ))}
    </SelectField>
  );
}

/** Theme and language: applied at once, saved on this device and on the account; tag spelling on this device. */
export function PreferencesForm() {
  const prefs = usePreferences();
  const { t } = useTranslation();
  const keepUnderscores = useKeepTagUnderscores();
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <ThemeSelect prefs={prefs} testId="theme-select" />
      <LanguageSelect prefs={prefs} testId="locale-select" />
      <CheckboxField
        className="sm:col-span-2"
        label={t('settings.tagUnderscores')}
        checked={keepUnderscores}
        onChange={(e) => setKeepTagUnderscores(e.target.checked)}
        data-testid="tag-underscores"
      />
    </div>
  );
}
