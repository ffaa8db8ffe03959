// Numbers, money and dates in the user's language. Money arrives as decimal strings and is
// handed to Intl as a string, which formats it exactly (no float on the way).
import i18n from '@/lib/i18n';

function locale(): string {
  return i18n.language === 'de' ? 'de-DE' : 'en-GB';
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** `1234.5` + `EUR` → `1.234,50 €` in German, `€1,234.50` in English. */
export function formatMoney(amount: string | null | undefined, currency = 'EUR'): string {
  if (amount === null || amount === undefined || amount === '') return '–';
  const key = `${locale()}|${currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale(), { style: 'currency', currency });
    moneyFormats.set(key, format);
  }
  return format.format(amount as Intl.StringNumericLiteral);
}

/** An amount without its currency, always two decimals: `12.500,00`. */
export function formatAmount(amount: string): string {
  return new Intl.NumberFormat(locale(), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(
    amount as Intl.StringNumericLiteral,
  );
}

export function formatNumber(value: string | number | null | undefined, maxDecimals = 3): string {
  if (value === null || value === undefined || value === '') return '–';
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: maxDecimals }).format(
    value as Intl.StringNumericLiteral,
  );
}

export function formatPercent(value: number): string {
  return new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 0 }).format(value);
}

/** A calendar date (`2026-07-01`) without time-zone shifts. */
export function formatDate(date: string | null | undefined): string {
  if (!date) return '–';
  const [y, m, d] = date.slice(0, 10).split('-').map(Number);
  if (!y || !m || !d) return date;
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

/** From one calendar date to another: `1 Jul 2026 – 3 Jul 2026`. */
export function formatDateRange(start: string | null | undefined, end: string | null | undefined): string {
  return `${formatDate(start)} – ${formatDate(end)}`;
}

/** An instant (`2026-07-01T10:00:00Z`) in the user's time zone. */
export function formatDateTime(instant: string | null | undefined): string {
  if (!instant) return '–';
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${new Intl.NumberFormat(locale(), { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${units[unit]}`;
}
