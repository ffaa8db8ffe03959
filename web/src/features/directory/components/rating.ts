// Supplier ratings: 0.00–5.00 with at most two decimals, typed in the user's language.
import { compare, parseDecimal } from '@/lib/money';

/** `4,5` (German) or `4.5` (English) → `4.5`; `null` when it is no rating. */
export function parseRating(input: string, language: string): string | null {
  const value = parseDecimal(input, language);
  if (value === null) return null;
  if (compare(value, '0') < 0 || compare(value, '5') > 0) return null;
  const decimals = value.split('.')[1] ?? '';
  if (decimals.length > 2) return null;
  return value;
}

/** Full and half stars for a rating, for a quick visual (the number is shown beside it). */
export function stars(rating: string): { full: number; half: boolean } {
  const [whole = '0', fraction = ''] = rating.split('.');
  const full = Math.min(5, Math.max(0, parseInt(whole, 10) || 0));
  const hundredths = parseInt(`${fraction}00`.slice(0, 2), 10) || 0;
  if (hundredths >= 75) return { full: Math.min(5, full + 1), half: false };
  return { full, half: hundredths >= 25 };
}
