import { describe, expect, test } from 'vitest';
import { parseTypedDate } from './DateField';

describe('dates typed by people', () => {
  test('German and British short forms and ISO', () => {
    expect(parseTypedDate('23.05.2027')).toBe('2027-05-23');
    expect(parseTypedDate('3.5.2027')).toBe('2027-05-03');
    expect(parseTypedDate('23/05/2027')).toBe('2027-05-23');
    expect(parseTypedDate('2027-05-23')).toBe('2027-05-23');
  });

  test('impossible dates are refused, not rolled over', () => {
    expect(parseTypedDate('31.02.2027')).toBeNull();
    expect(parseTypedDate('next friday')).toBeNull();
    expect(parseTypedDate('')).toBeNull();
  });
});
