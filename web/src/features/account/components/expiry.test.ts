import { describe, expect, test } from 'vitest';
import { expiresAt } from './expiry';

describe('a token’s expiry', () => {
  const now = new Date('2026-03-01T10:00:00Z');

  test('a number of days from now', () => {
    expect(expiresAt('30', null, now)).toBe('2026-03-31T10:00:00.000Z');
    expect(expiresAt('365', null, now)).toBe('2027-03-01T10:00:00.000Z');
  });

  test('never means no expiry', () => {
    expect(expiresAt('never', '2026-05-01', now)).toBeNull();
  });

  test('a chosen day lasts until its end in the user’s time zone', () => {
    const instant = expiresAt('custom', '2026-05-01', now);
    expect(instant).not.toBeNull();
    const local = new Date(instant ?? '');
    expect([local.getFullYear(), local.getMonth() + 1, local.getDate(), local.getHours(), local.getMinutes()]).toEqual([
      2026, 5, 1, 23, 59,
    ]);
  });

  test('a custom expiry without a day is none', () => {
    expect(expiresAt('custom', null, now)).toBeNull();
  });
});
