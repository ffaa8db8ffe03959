import { describe, expect, test } from 'vitest';
import { addDays, daysBetween, localDay, today } from './days';

describe('calendar days', () => {
  test('adding days crosses month, year and leap days', () => {
    expect(addDays('2027-06-29', 3)).toBe('2027-07-02');
    expect(addDays('2027-12-31', 1)).toBe('2028-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    // A daylight-saving change in between does not shift the day.
    expect(addDays('2027-03-27', 2)).toBe('2027-03-29');
  });

  test('days between two dates', () => {
    expect(daysBetween('2027-06-10', '2027-06-13')).toBe(3);
    expect(daysBetween('2027-06-13', '2027-06-10')).toBe(-3);
    expect(daysBetween('2027-03-27', '2027-03-30')).toBe(3);
  });

  test('the local day of an instant depends on the time zone', () => {
    expect(localDay('2027-06-01T22:30:00Z', 'Europe/Berlin')).toBe('2027-06-02');
    expect(localDay('2027-06-01T22:30:00Z', 'UTC')).toBe('2027-06-01');
    expect(localDay('2027-06-02T03:00:00Z', 'America/New_York')).toBe('2027-06-01');
    expect(today('Europe/Berlin', new Date('2027-12-31T23:30:00Z'))).toBe('2028-01-01');
  });
});
