// Names for the calendar's own buttons (previous/next month…), which Mantine leaves unnamed.
import type { CalendarAriaLabels } from '@mantine/dates';
import i18n from '@/lib/i18n';
import { defineTexts } from '@/lib/i18n/define';

defineTexts(
  'calendar',
  {
    previousMonth: 'Vorheriger Monat',
    nextMonth: 'Nächster Monat',
    previousYear: 'Vorheriges Jahr',
    nextYear: 'Nächstes Jahr',
    previousDecade: 'Vorheriges Jahrzehnt',
    nextDecade: 'Nächstes Jahrzehnt',
    monthLevel: 'Monat und Jahr wählen',
    yearLevel: 'Jahr wählen',
  },
  {
    previousMonth: 'Previous month',
    nextMonth: 'Next month',
    previousYear: 'Previous year',
    nextYear: 'Next year',
    previousDecade: 'Previous decade',
    nextDecade: 'Next decade',
    monthLevel: 'Choose month and year',
    yearLevel: 'Choose year',
  },
);

/**
 * The labels in the user's language. A `t` given resolves the keys `calendar.previousMonth`, …
 * of the caller's namespace instead (for a feature that words them its own way).
 */
export function calendarLabels(t?: (key: string) => string): CalendarAriaLabels {
  const label = t ? (key: string) => t(`calendar.${key}`) : (key: string) => i18n.t(`calendar:${key}`);
  return {
    previousMonth: label('previousMonth'),
    nextMonth: label('nextMonth'),
    previousYear: label('previousYear'),
    nextYear: label('nextYear'),
    previousDecade: label('previousDecade'),
    nextDecade: label('nextDecade'),
    monthLevelControl: label('monthLevel'),
    yearLevelControl: label('yearLevel'),
  };
}
