import { describe, expect, it } from 'vitest';
import { formatDay, formatNumber } from './format.js';

// The hand-written paths must say exactly what Intl says, in every language we ship.
describe.each(['en', 'ja'])('in %s', (locale) => {
  it('writes whole numbers as Intl.NumberFormat does', () => {
    const intl = new Intl.NumberFormat(locale);
    const samples = [0, 1, -1, 7, 12, 999, 1000, -1000, 1234, 99_999, 100_000, 1_234_567, -987_654_321, Number.MAX_SAFE_INTEGER];
    for (let n = 1; n < 1e15; n = n * 7 + 3) samples.push(n, -n);
    for (const n of samples) expect(formatNumber(n, locale), String(n)).toBe(intl.format(n));
  });

  it('writes fractions and huge numbers through Intl', () => {
    expect(formatNumber(1234.5, locale)).toBe(new Intl.NumberFormat(locale).format(1234.5));
    expect(formatNumber(1e21, locale)).toBe(new Intl.NumberFormat(locale).format(1e21));
  });

  it('writes calendar days as Intl.DateTimeFormat does, whatever the time zone', () => {
    const intl = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
    for (let t = Date.UTC(1999, 0, 1); t < Date.UTC(2031, 0, 1); t += 86_400_000 * 13) {
      const day = new Date(t).toISOString().slice(0, 10);
      expect(formatDay(day, locale), day).toBe(intl.format(new Date(t)));
    }
  });
});

it('leaves other languages, and what is not a calendar day, to Intl', () => {
  expect(formatNumber(1234567, 'de')).toBe('1.234.567');
  expect(formatDay('2026-11-25', 'fr')).toBe('25 novembre 2026');
  expect(formatDay('2026-11-25T10:00:00Z', 'en')).toBe(
    new Intl.DateTimeFormat('en', { dateStyle: 'medium' }).format(new Date('2026-11-25T10:00:00Z')),
  );
});
