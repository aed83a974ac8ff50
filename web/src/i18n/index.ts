import { appTranslator } from './react.js';
import type { Strings } from './translator.js';

/** The languages the UI speaks, in the order the language picker lists them. */
export const locales = ['en', 'ja'] as const;
export type UiLocale = (typeof locales)[number];

/**
 * Each language is its own chunk, fetched when it is first used: a visitor
 * downloads only the strings of the language they read.
 */
const bundles: Record<UiLocale, () => Promise<{ default: Strings }>> = {
  en: () => import('./en.json'),
  ja: () => import('./ja.json'),
};

/**
 * The strings of the signed-in screens (create, gallery, settings, …), a chunk
 * of their own per language: the public pages' first load goes without them.
 * Merged into the same table, so every key keeps its name.
 */
const appBundles: Record<UiLocale, () => Promise<{ default: Strings }>> = {
  en: () => import('./app.en.json'),
  ja: () => import('./app.ja.json'),
};

/** Languages whose signed-in strings are loaded already. */
const appLoaded = new Set<UiLocale>();
/** Once a signed-in screen has asked, a language switch brings these strings along. */
let appWanted = false;

async function addAppStrings(lng: UiLocale): Promise<void> {
  if (appLoaded.has(lng)) return;
  appTranslator.add(lng, (await appBundles[lng]()).default);
  appLoaded.add(lng);
}

/**
 * Loads the signed-in screens' strings in the current language (once). Each
 * signed-in screen waits for it before it renders (router.tsx), and the shell
 * asks as soon as the visitor is known to be signed in (live notices use them).
 */
export async function loadAppStrings(): Promise<void> {
  appWanted = true;
  await addAppStrings(appTranslator.language as UiLocale);
}

/** One language's strings (its chunk is fetched once, then cached by the module system). */
export async function loadStrings(lng: UiLocale): Promise<Strings> {
  return (await bundles[lng]()).default;
}

async function ensureStrings(lng: UiLocale): Promise<void> {
  if (!appTranslator.has(lng)) appTranslator.add(lng, await loadStrings(lng));
}

/**
 * Starts the UI in `lng`, resolving once its strings are loaded, so the first
 * render never shows a bare key. No fallback language: it would download the
 * other language too, and i18n.test.ts proves both have every key.
 */
export async function initI18n(lng: UiLocale): Promise<void> {
  await ensureStrings(lng);
  appTranslator.setLanguage(lng);
  setPageLanguage(lng);
}

/** <html lang>: written only when it changes, as every write restyles the whole page (fonts follow the language). */
function setPageLanguage(lng: UiLocale): void {
  if (document.documentElement.lang !== lng) document.documentElement.lang = lng;
}

/** Switches the UI language: fetches its strings first (once), then re-renders in it. */
export async function changeUiLocale(lng: UiLocale): Promise<void> {
  // Both parts first, then the switch: no screen renders in a half-loaded language.
  await ensureStrings(lng);
  if (appWanted) await addAppStrings(lng);
  appTranslator.setLanguage(lng);
  setPageLanguage(lng);
}
