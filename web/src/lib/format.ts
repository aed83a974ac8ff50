/**
 * Locale-aware formatting for dates, numbers and sizes.
 *
 * A page's first Intl.NumberFormat or Intl.DateTimeFormat costs about 50 ms of
 * main thread (ICU loads its data), four times that on a mid-range phone, and
 * the balance in the header and the date on the legal pages are drawn while
 * the page hydrates. For the languages we ship, whole numbers and calendar
 * days are therefore written by hand (format.test.ts holds them
 * equal to Intl's output); anything else goes to Intl, whose formatters are
 * kept once made.
 */

const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function kept<F extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => F): F {
  const known = formatters.get(key);
  if (known) return known as F;
  const made = make();
  formatters.set(key, made);
  return made;
}

const dateFormat = (locale: string, options: Intl.DateTimeFormatOptions) =>
  kept(`d ${locale} ${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(locale, options));

const numberFormat = (locale: string, options: Intl.NumberFormatOptions = {}) =>
  kept(`n ${locale} ${JSON.stringify(options)}`, () => new Intl.NumberFormat(locale, options));

/** English and Japanese both group whole numbers in threes with a comma. */
const commaGrouped = (locale: string) => locale === 'en' || locale === 'ja';
const englishMonths = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export function formatDateTime(iso: string | null | undefined, locale: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  return dateFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

export function formatDate(iso: string | null | undefined, locale: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  return dateFormat(locale, { dateStyle: 'medium' }).format(d);
}

/** "3 minutes ago" style, for recent items; falls back to a date after a week. */
export function formatRelative(iso: string, locale: string, now = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  if (abs < 45) return rtf.format(0, 'second');
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute');
  if (abs < 86400) return rtf.format(Math.round(seconds / 3600), 'hour');
  if (abs < 7 * 86400) return rtf.format(Math.round(seconds / 86400), 'day');
  return formatDate(iso, locale);
}

export function formatNumber(n: number, locale: string): string {
  if (Number.isSafeInteger(n) && commaGrouped(locale)) {
    const digits = String(Math.abs(n)).replace(/\B(?=(\d{3})+$)/g, ',');
    return n < 0 ? `-${digits}` : digits;
  }
  return numberFormat(locale).format(n);
}

/** 1536000 → "1.5 MB" */
export function formatBytes(bytes: number, locale: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${numberFormat(locale, { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${units[unit]}`;
}

/** "16:9" → 16/9 (1 for anything unreadable). */
export function ratioOf(aspectRatio: string): number {
  const [w, h] = aspectRatio.split(':').map(Number);
  return w && h ? w / h : 1;
}

/** A price in the currency's minor unit (499 eur → "€4.99", 500 jpy → "¥500"). */
export function formatMoney(minor: number, currency: string, locale: string): string {
  const format = numberFormat(locale, { style: 'currency', currency: currency.toUpperCase() });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** digits);
}

/** A calendar date like "2026-11-25" (no time): formatted as that day everywhere, whatever the time zone. */
export function formatDay(day: string, locale: string): string {
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!parts) return formatDate(day, locale);
  const [year, month, date] = parts.slice(1).map(Number) as [number, number, number];
  const name = englishMonths[month - 1];
  if (locale === 'en' && name && date >= 1 && date <= 31) return `${name} ${date}, ${year}`;
  if (locale === 'ja' && name && date >= 1 && date <= 31) return `${year}年${month}月${date}日`;
  return dateFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}

/** Whole days from now until `iso` (0 when it is today or past). */
export function daysUntil(iso: string, now = Date.now()): number {
  return Math.max(0, Math.ceil((new Date(iso).getTime() - now) / 86_400_000));
}
