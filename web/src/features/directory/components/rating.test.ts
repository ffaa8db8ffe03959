import { describe, expect, test } from 'vitest';
import { parseRating, stars } from './rating';

describe('a supplier rating', () => {
  test('is typed the way the language writes numbers', () => {
    expect(parseRating('4,5', 'de')).toBe('4.5');
    expect(parseRating('4.5', 'en')).toBe('4.5');
    expect(parseRating(' 3 ', 'de')).toBe('3');
    expect(parseRating('4,75', 'de')).toBe('4.75');
  });

  test('stays within 0–5 with at most two decimals', () => {
    expect(parseRating('5', 'en')).toBe('5');
    expect(parseRating('0', 'en')).toBe('0');
    expect(parseRating('5.01', 'en')).toBeNull();
    expect(parseRating('-1', 'en')).toBeNull();
    expect(parseRating('4.555', 'en')).toBeNull();
    expect(parseRating('four', 'en')).toBeNull();
    expect(parseRating('', 'en')).toBeNull();
  });

  test('shows as full and half stars', () => {
    expect(stars('4.50')).toEqual({ full: 4, half: true });
    expect(stars('4.20')).toEqual({ full: 4, half: false });
    expect(stars('4.80')).toEqual({ full: 5, half: false });
    expect(stars('0.00')).toEqual({ full: 0, half: false });
    expect(stars('5.00')).toEqual({ full: 5, half: false });
    expect(stars('3')).toEqual({ full: 3, half: false });
  });
});
