import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import appEn from './app.en.json' with { type: 'json' };
import appJa from './app.ja.json' with { type: 'json' };
import coreEn from './en.json' with { type: 'json' };
import coreJa from './ja.json' with { type: 'json' };

type Tree = { [key: string]: string | Tree };

/** A language as the app holds it once both parts are loaded: the public pages' strings and the signed-in screens'. */
function merged(core: Tree, app: Tree): Tree {
  const out: Tree = { ...core };
  for (const [k, v] of Object.entries(app)) {
    const mine = out[k];
    out[k] = typeof v === 'object' && typeof mine === 'object' ? merged(mine, v) : v;
  }
  return out;
}

const en = merged(coreEn, appEn);
const languages: Record<string, Tree> = { en, ja: merged(coreJa, appJa) };

/** i18next plural forms: a key `x` may exist as `x_one`, `x_other`, … instead. */
const PLURAL = /_(zero|one|two|few|many|other)$/;

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

const flat = Object.fromEntries(Object.entries(languages).map(([lng, tree]) => [lng, flatten(tree)]));
const baseKeys = (lng: string) => new Set([...(flat[lng]?.keys() ?? [])].map((k) => k.replace(PLURAL, '')));
const variables = (s: string) => [...s.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();

/** Every 'namespace.key' string literal in the web sources (static keys only). */
function keysUsedInSources(): Set<string> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const namespaces = Object.keys(en).join('|');
  const literal = new RegExp(`['"]((?:${namespaces})\\.[A-Za-z0-9_.]+)['"]`, 'g');
  const used = new Set<string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.tsx?$/.test(name) && !name.endsWith('.test.ts')) {
        for (const m of readFileSync(path, 'utf8').matchAll(literal)) used.add(m[1] as string);
      }
    }
  };
  walk(root);
  return used;
}

describe('translations', () => {
  it('splits each language the same way: the same sections are public, the same signed-in only', () => {
    const sections = (t: Tree) => Object.keys(t).sort();
    expect(sections(coreJa)).toEqual(sections(coreEn));
    expect(sections(appJa)).toEqual(sections(appEn));
    // No key lives in both parts (the later one would silently win).
    const overlap = [...flatten(appEn).keys()].filter((k) => flatten(coreEn).has(k));
    expect(overlap).toEqual([]);
  });

  it('every key exists in every language', () => {
    const all = new Set(Object.keys(languages).flatMap((lng) => [...baseKeys(lng)]));
    for (const lng of Object.keys(languages)) {
      const missing = [...all].filter((k) => !baseKeys(lng).has(k));
      expect(missing, `missing in ${lng}`).toEqual([]);
    }
  });

  it('no value is empty', () => {
    for (const [lng, map] of Object.entries(flat)) {
      const empty = [...map].filter(([, v]) => v.trim() === '').map(([k]) => k);
      expect(empty, `empty in ${lng}`).toEqual([]);
    }
  });

  it('every plural key has its "other" form in every language', () => {
    for (const [lng, map] of Object.entries(flat)) {
      const plurals = new Set([...map.keys()].filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, '')));
      const missing = [...plurals].filter((k) => !map.has(`${k}_other`));
      expect(missing, `plural without _other in ${lng}`).toEqual([]);
    }
  });

  it('uses the same {{variables}} in every language', () => {
    for (const [key, value] of flat.en ?? []) {
      const base = key.replace(PLURAL, '');
      const jaValue = flat.ja?.get(key) ?? flat.ja?.get(`${base}_other`);
      expect(variables(jaValue ?? ''), key).toEqual(variables(value));
    }
  });

  it('has a string for every key the code uses', () => {
    const known = baseKeys('en');
    const unknown = [...keysUsedInSources()].filter((k) => !known.has(k));
    expect(unknown).toEqual([]);
  });

  it('has the keys the code builds at run time', () => {
    const known = baseKeys('en');
    const dynamic = [
      ...['queued', 'running', 'succeeded', 'failed'].map((s) => `status.${s}`),
      ...['system', 'light', 'dark'].map((s) => `settings.themes.${s}`),
      ...['live', 'refunds', 'private'].flatMap((f) => [`home.features.${f}.title`, `home.features.${f}.body`]),
      ...['privacy', 'terms', 'cookies'].map((s) => `legal.${s}`),
      ...['objection', 'access', 'deletion', 'child_account', 'other'].flatMap((k) => [
        `privacyRequest.kinds.${k}`,
        `privacyRequest.kindHints.${k}`,
      ]),
      ...['open', 'in_progress', 'done', 'rejected'].map((s) => `privacyRequest.status.${s}`),
      ...['queued', 'running', 'ready', 'failed', 'expired'].map((s) => `dataExport.status.${s}`),
      ...['profile', 'images', 'sessions', 'exports'].map((k) => `account.delete.erased.${k}`),
      ...['generation', 'billing', 'account', 'bug', 'other'].map((c) => `support.categories.${c}`),
      ...['open', 'answered', 'closed'].map((s) => `support.status.${s}`),
      ...['upscale', 'remove-background', 'variations', 'img2img', 'edit', 'inpaint', 'character'].map((k) => `tools.names.${k}`),
      ...['pending', 'succeeded', 'failed'].map((s) => `webhooks.status.${s}`),
      ...['generation.succeeded', 'generation.failed', 'credits.low'].map((e) => `webhooks.event.${e}`),
    ];
    expect(dynamic.filter((k) => !known.has(k))).toEqual([]);
  });
});
