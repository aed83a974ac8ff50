import { Children, cloneElement, createContext, type ReactElement, type ReactNode, useContext, useMemo, useSyncExternalStore } from 'react';
import { type TFunction, Translator } from './translator.js';

/** The app's translator (index.ts fills it); the build's prerender provides one per page. */
export const appTranslator = new Translator('en');

const TranslatorContext = createContext<Translator>(appTranslator);

export function TranslatorProvider({ translator, children }: { translator: Translator; children: ReactNode }) {
  return <TranslatorContext.Provider value={translator}>{children}</TranslatorContext.Provider>;
}

/** What a component needs to speak the user's language: `t`, and the language (`i18n.language`). */
export function useTranslation(): { t: TFunction; i18n: Translator } {
  const translator = useContext(TranslatorContext);
  const revision = useSyncExternalStore(
    translator.subscribe,
    () => translator.revision,
    () => translator.revision,
  );
  // A new `t` per language, so effects and memos that use it run again when it changes.
  // biome-ignore lint/correctness/useExhaustiveDependencies: revision is the language's version
  const t = useMemo<TFunction>(() => (key, options) => translator.t(key, options), [translator, revision]);
  return { t, i18n: translator };
}

/**
 * A string with markup: `<terms>terms of use</terms>` becomes the element
 * given as `components.terms`, with the tag's text inside it.
 */
export function Trans({ i18nKey, components }: { i18nKey: string; components: Record<string, ReactElement> }) {
  const { t } = useTranslation();
  const parts: ReactNode[] = [];
  const text = t(i18nKey);
  const tag = /<(\w+)>(.*?)<\/\1>/g;
  let last = 0;
  for (let m = tag.exec(text); m; m = tag.exec(text)) {
    parts.push(text.slice(last, m.index));
    const element = components[m[1] as string];
    parts.push(element ? cloneElement(element, { key: m.index }, m[2]) : m[2]);
    last = m.index + m[0].length;
  }
  parts.push(text.slice(last));
  return <>{Children.toArray(parts)}</>;
}
