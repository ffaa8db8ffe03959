import { afterEach, describe, expect, test } from 'vitest';
import i18n from '@/lib/i18n';
import { formatAmount, formatBytes, formatDate, formatMoney } from './format';

afterEach(async () => {
  await i18n.changeLanguage('en');
});

describe('money in the user’s language, exactly as stored', () => {
  test('German: 1.234,50 €', async () => {
    await i18n.changeLanguage('de');
    expect(formatMoney('1234.5', 'EUR').replace(/\s/g, ' ')).toBe('1.234,50 €');
    expect(formatAmount('12500')).toBe('12.500,00');
  });

  test('English: €1,234.50', async () => {
    await i18n.changeLanguage('en');
    expect(formatMoney('1234.5', 'EUR')).toBe('€1,234.50');
  });

  test('amounts beyond a float’s precision are not rounded away', async () => {
    await i18n.changeLanguage('en');
    expect(formatMoney('90071992547409.93', 'EUR')).toBe('€90,071,992,547,409.93');
  });

  test('a missing amount is a dash', () => {
    expect(formatMoney(null)).toBe('–');
    expect(formatMoney(undefined)).toBe('–');
  });
});

describe('dates', () => {
  test('a calendar date does not shift with the time zone', async () => {
    await i18n.changeLanguage('de');
    expect(formatDate('2027-05-23')).toBe('23.05.2027');
    await i18n.changeLanguage('en');
    expect(formatDate('2027-05-23')).toBe('23 May 2027');
  });

  test('file sizes', async () => {
    await i18n.changeLanguage('en');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
  });
});
