// Arithmetic on money shown in the UI (rollups while editing, budget differences). Amounts
// stay decimal strings end to end; big.js does the sums, never JavaScript floats.
import Big from 'big.js';

export type Decimal = string;

function big(value: Decimal | null | undefined): Big {
  try {
    return new Big(value === null || value === undefined || value === '' ? '0' : value);
  } catch {
    return new Big(0);
  }
}

/** A decimal string as typed by a person (`1.234,5` in German, `1,234.5` in English) → `1234.5`. */
export function parseDecimal(input: string, language: string): Decimal | null {
  const trimmed = input.trim().replace(/\s|€|\$|£/g, '');
  if (trimmed === '') return null;
  const [group, decimal] = language === 'de' ? ['.', ','] : [',', '.'];
  const normalized = trimmed.split(group).join('').replace(decimal, '.');
  if (!/^-?\d+(\.\d+)?$/.test(normalized)) return null;
  return new Big(normalized).toString();
}

export function add(...values: (Decimal | null | undefined)[]): Decimal {
  return values.reduce((sum: Big, v) => sum.plus(big(v)), new Big(0)).toFixed(2);
}

export function subtract(a: Decimal | null | undefined, b: Decimal | null | undefined): Decimal {
  return big(a).minus(big(b)).toFixed(2);
}

export function multiply(quantity: Decimal | null | undefined, price: Decimal | null | undefined): Decimal {
  // Half-even, as the server rounds line totals.
  return big(quantity).times(big(price)).round(2, Big.roundHalfEven).toFixed(2);
}

export function compare(a: Decimal | null | undefined, b: Decimal | null | undefined): -1 | 0 | 1 {
  return big(a).cmp(big(b)) as -1 | 0 | 1;
}

/** `part / whole` as a fraction (0.42) for progress bars; 0 when `whole` is zero. */
export function ratio(part: Decimal | null | undefined, whole: Decimal | null | undefined): number {
  const w = big(whole);
  if (w.eq(0)) return 0;
  return Number(big(part).div(w).toFixed(4));
}

export function isNegative(value: Decimal | null | undefined): boolean {
  return big(value).lt(0);
}
