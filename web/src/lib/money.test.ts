import { describe, expect, test } from 'vitest';
import { add, compare, multiply, parseDecimal, ratio, subtract } from './money';

describe('money arithmetic stays exact', () => {
  test('sums that floats get wrong', () => {
    expect(add('0.10', '0.20')).toBe('0.30');
    expect(add('1999999999999.99', '0.01')).toBe('2000000000000.00');
    expect(add(null, undefined, '')).toBe('0.00');
  });

  test('quantity times price rounds half-even to cents, as the server does', () => {
    expect(multiply('3', '19.99')).toBe('59.97');
    expect(multiply('0.5', '0.05')).toBe('0.02');
    expect(multiply('0.5', '0.07')).toBe('0.04');
    expect(multiply('1.005', '1')).toBe('1.00');
  });

  test('differences and comparisons', () => {
    expect(subtract('100.00', '250.50')).toBe('-150.50');
    expect(compare('10.0', '10.00')).toBe(0);
    expect(compare('9.99', '10')).toBe(-1);
    expect(ratio('25', '100')).toBe(0.25);
    expect(ratio('1', '0')).toBe(0);
  });
});

describe('amounts typed by people', () => {
  test('German: dot groups, comma decimals', () => {
    expect(parseDecimal('1.234,50', 'de')).toBe('1234.5');
    expect(parseDecimal('12.500 €', 'de')).toBe('12500');
    expect(parseDecimal('-0,5', 'de')).toBe('-0.5');
  });

  test('English: comma groups, dot decimals', () => {
    expect(parseDecimal('1,234.50', 'en')).toBe('1234.5');
    expect(parseDecimal('€ 99.99', 'en')).toBe('99.99');
  });

  test('text that is not an amount is refused, not guessed', () => {
    expect(parseDecimal('12,5,0', 'de')).toBeNull();
    expect(parseDecimal('abc', 'en')).toBeNull();
    expect(parseDecimal('1e5', 'en')).toBeNull();
    expect(parseDecimal('   ', 'en')).toBeNull();
  });
});
