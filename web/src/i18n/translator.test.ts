import { describe, expect, it } from 'vitest';
import { Translator } from './translator.js';

describe('Translator', () => {
  const make = () => {
    const tr = new Translator('en');
    tr.add('en', {
      gallery: { count_zero: 'No images', count_one: '{{count}} image', count_other: '{{count}} images' },
      hello: 'Hello, {{name}}',
    });
    tr.add('en', { gallery: { title: 'Gallery' } });
    tr.add('ja', { gallery: { count_other: '{{count}} 枚' }, hello: 'こんにちは、{{name}}さん' });
    return tr;
  };

  it('chooses the plural form by count, with a zero form where a string has one', () => {
    const tr = make();
    expect(tr.t('gallery.count', { count: 0 })).toBe('No images');
    expect(tr.t('gallery.count', { count: 1 })).toBe('1 image');
    expect(tr.t('gallery.count', { count: 5 })).toBe('5 images');
    tr.setLanguage('ja');
    // Japanese has one form; no zero form: the other form says 0.
    expect(tr.t('gallery.count', { count: 1 })).toBe('1 枚');
    expect(tr.t('gallery.count', { count: 0 })).toBe('0 枚');
  });

  it('fills placeholders, keeps strings added later beside earlier ones, and shows the key when there is none', () => {
    const tr = make();
    expect(tr.t('hello', { name: 'Sakura' })).toBe('Hello, Sakura');
    expect(tr.t('gallery.title')).toBe('Gallery');
    expect(tr.t('gallery.missing')).toBe('gallery.missing');
    expect(tr.t('hello')).toBe('Hello, {{name}}');
  });

  it('tells its listeners when the language changes, once per change', () => {
    const tr = make();
    let calls = 0;
    const stop = tr.subscribe(() => {
      calls += 1;
    });
    tr.setLanguage('ja');
    tr.setLanguage('ja');
    expect(calls).toBe(1);
    expect(tr.t('hello', { name: 'Sakura' })).toBe('こんにちは、Sakuraさん');
    stop();
    tr.setLanguage('en');
    expect(calls).toBe(1);
  });
});
