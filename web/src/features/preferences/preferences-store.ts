import type { Locale, Theme } from '../../api/contracts.js';
import { changeUiLocale } from '../../i18n/index.js';

/**
 * Theme and language on this device: kept in localStorage and applied to
 * <html> (the `dark` class, `lang`) and to i18next. The account copy is synced
 * by preferences-sync.tsx.
 */

const THEME_KEY = 'animegen.theme';
const LOCALE_KEY = 'animegen.locale';
const themes: readonly Theme[] = ['light', 'dark', 'system'];
const localesList: readonly Locale[] = ['en', 'ja'];

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}
/** Writes only a change: every page start applies the stored values again, and a write costs a commit to disk. */
function write(key: string, value: string): void {
  if (read(key) === value) return;
  try {
    localStorage.setItem(key, value);
  } catch {
    // Private mode or storage full: the preference still applies for this visit.
  }
}

export function storedTheme(): Theme {
  const v = read(THEME_KEY);
  return themes.includes(v as Theme) ? (v as Theme) : 'system';
}

export function storedLocale(): Locale {
  const v = read(LOCALE_KEY);
  if (localesList.includes(v as Locale)) return v as Locale;
  return typeof navigator !== 'undefined' && navigator.language.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

const darkQuery = () => window.matchMedia('(prefers-color-scheme: dark)');
let unwatchSystem: (() => void) | undefined;

/** Applies a theme to <html> and remembers it; `system` follows the OS live. */
export function applyTheme(theme: Theme): void {
  write(THEME_KEY, theme);
  unwatchSystem?.();
  unwatchSystem = undefined;
  const html = document.documentElement;
  // /theme.js set both before the first paint; setting them again unchanged would restyle the page.
  const set = (dark: boolean) => {
    if (html.classList.contains('dark') !== dark) html.classList.toggle('dark', dark);
    if (html.dataset.theme !== theme) html.dataset.theme = theme;
  };
  if (theme === 'system') {
    const mq = darkQuery();
    set(mq.matches);
    const onChange = (e: MediaQueryListEvent) => set(e.matches);
    mq.addEventListener('change', onChange);
    unwatchSystem = () => mq.removeEventListener('change', onChange);
  } else {
    set(theme === 'dark');
  }
}

/**
 * The server reads this cookie to send its pages prerendered in the visitor's
 * language (named on the cookie page: a preference, not a tracker).
 */
const LOCALE_COOKIE = 'lang';

function rememberLocaleForServer(locale: Locale): void {
  if (document.cookie.split('; ').includes(`${LOCALE_COOKIE}=${locale}`)) return;
  // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is missing from browsers we support.
  document.cookie = `${LOCALE_COOKIE}=${locale}; path=/; max-age=31536000; SameSite=Lax`;
}

/** Switches the UI language (fetching its strings the first time; <html lang> follows) and remembers it. */
export function applyLocale(locale: Locale): void {
  write(LOCALE_KEY, locale);
  rememberLocaleForServer(locale);
  void changeUiLocale(locale);
}

/* A subscribable snapshot so components re-render when a preference changes. */
let snapshot: { theme: Theme; locale: Locale } = { theme: 'system', locale: 'en' };
const listeners = new Set<() => void>();

/** Applies both preferences (at boot, or from the account on sign-in). */
export function applyPreferences(next: { theme: Theme; locale: Locale }): void {
  applyTheme(next.theme);
  applyLocale(next.locale);
  if (next.theme === snapshot.theme && next.locale === snapshot.locale) return;
  snapshot = { ...next };
  for (const l of listeners) l();
}

export const getPreferences = () => snapshot;
export function subscribePreferences(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}
