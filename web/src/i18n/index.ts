import i18next, { type BackendModule, type ResourceKey } from 'i18next';
import { initReactI18next } from 'react-i18next';

/** The languages the UI speaks, in the order the language picker lists them. */
export const locales = ['en', 'ja'] as const;
export type UiLocale = (typeof locales)[number];

/**
 * Each language is its own chunk, fetched when it is first used: a visitor
 * downloads only the strings of the language they read.
 */
const bundles: Record<UiLocale, () => Promise<{ default: ResourceKey }>> = {
  en: () => import('./en.json'),
  ja: () => import('./ja.json'),
};

/** One language's strings (its chunk is fetched once, then cached by the module system). */
export async function loadStrings(lng: UiLocale): Promise<ResourceKey> {
  return (await bundles[lng]()).default;
}

const chunkBackend: BackendModule = {
  type: 'backend',
  init: () => undefined,
  read(language, _namespace, callback) {
    if (!locales.includes(language as UiLocale)) return callback(null, {});
    loadStrings(language as UiLocale).then(
      (strings) => callback(null, strings),
      (err: Error) => callback(err, false),
    );
  },
};

/**
 * Starts i18next in `lng`, resolving once its strings are loaded, so the first
 * render never shows a bare key. No fallback language: it would download the
 * other language too, and i18n.test.ts proves both have every key.
 */
export async function initI18n(lng: UiLocale): Promise<typeof i18next> {
  i18next.on('languageChanged', (l) => {
    document.documentElement.lang = l;
  });
  await i18next
    .use(chunkBackend)
    .use(initReactI18next)
    .init({
      lng,
      supportedLngs: locales,
      fallbackLng: false,
      load: 'currentOnly',
      interpolation: { escapeValue: false },
      returnNull: false,
      showSupportNotice: false,
    });
  return i18next;
}

/** Switches the UI language: fetches its strings first (once), then re-renders in it. */
export async function changeUiLocale(lng: UiLocale): Promise<void> {
  if (i18next.language === lng && i18next.hasResourceBundle(lng, 'translation')) return;
  await i18next.changeLanguage(lng);
}
