import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json' with { type: 'json' };
import ja from './ja.json' with { type: 'json' };

/** The languages the UI speaks, in the order the language picker lists them. */
export const locales = ['en', 'ja'] as const;
export type UiLocale = (typeof locales)[number];

export const resources = { en: { translation: en }, ja: { translation: ja } } as const;

/** Starts i18next synchronously with both languages bundled (they are small). */
export function initI18n(lng: UiLocale): typeof i18next {
  void i18next.use(initReactI18next).init({
    resources,
    lng,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
    showSupportNotice: false,
  });
  return i18next;
}
