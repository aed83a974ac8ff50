/**
 * The UI's translations: nested string tables per language, `{{name}}`
 * placeholders, and plural forms chosen by `count` (`key_zero` for 0 where a
 * string has one, else the language's plural rule: `key_one`, `key_other`, …).
 * The same key format as i18next, in a few hundred bytes instead of its
 * 15 KB, which the public pages' first load cannot afford.
 */
export interface Strings {
  [key: string]: string | Strings;
}

export type TOptions = { count?: number } & Record<string, unknown>;
export type TFunction = (key: string, options?: TOptions) => string;

export class Translator {
  private readonly tables = new Map<string, Strings>();
  private readonly listeners = new Set<() => void>();
  private rules: Intl.PluralRules;
  /** Grows on every change of language: the React layer re-renders on it. */
  revision = 0;

  constructor(public language: string) {
    this.rules = new Intl.PluralRules(language);
  }

  /** Adds strings to a language, merged into what it has (both parts of a language share key names). */
  add(language: string, strings: Strings): void {
    this.tables.set(language, merge(this.tables.get(language) ?? {}, strings));
  }

  has(language: string): boolean {
    return this.tables.has(language);
  }

  setLanguage(language: string): void {
    if (language === this.language) return;
    this.language = language;
    this.rules = new Intl.PluralRules(language);
    this.revision += 1;
    for (const listener of this.listeners) listener();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The string for `key` in the current language, filled in; the key itself when there is none (as i18next does). */
  t: TFunction = (key, options) => {
    const table = this.tables.get(this.language) ?? {};
    const count = options?.count;
    let text: string | undefined;
    if (typeof count === 'number') {
      text = (count === 0 ? lookup(table, `${key}_zero`) : undefined) ?? lookup(table, `${key}_${this.rules.select(count)}`);
      text ??= lookup(table, `${key}_other`);
    }
    text ??= lookup(table, key);
    if (text === undefined) return key;
    return options
      ? text.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in options ? String(options[name]) : whole))
      : text;
  };
}

function lookup(table: Strings, key: string): string | undefined {
  let node: string | Strings | undefined = table;
  for (const part of key.split('.')) {
    if (typeof node !== 'object') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

function merge(into: Strings, from: Strings): Strings {
  const out: Strings = { ...into };
  for (const [k, v] of Object.entries(from)) {
    const mine = out[k];
    out[k] = typeof v === 'object' && typeof mine === 'object' ? merge(mine, v) : v;
  }
  return out;
}
