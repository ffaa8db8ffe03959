import { afterAll, describe, expect, test } from 'vitest';
import i18n from '@/lib/i18n';
import { calendarLabels } from './calendarLabels';

afterAll(() => i18n.changeLanguage('en'));

describe('the calendar’s buttons', () => {
  test('are named in the user’s language', async () => {
    await i18n.changeLanguage('de');
    expect(calendarLabels().previousMonth).toBe('Vorheriger Monat');
    await i18n.changeLanguage('en');
    expect(calendarLabels().yearLevelControl).toBe('Choose year');
  });

  test('a feature may word them itself', () => {
    expect(calendarLabels((key) => `[${key}]`).nextMonth).toBe('[calendar.nextMonth]');
  });
});
