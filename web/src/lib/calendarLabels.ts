// Names for the calendar's own buttons (previous/next month…), which Mantine leaves unnamed.
import type { CalendarAriaLabels } from '@mantine/dates';

/** `t` resolves the keys `calendar.previousMonth`, `calendar.nextMonth`, … of the caller's namespace. */
export function calendarLabels(t: (key: string) => string): CalendarAriaLabels {
  return {
    previousMonth: t('calendar.previousMonth'),
    nextMonth: t('calendar.nextMonth'),
    previousYear: t('calendar.previousYear'),
    nextYear: t('calendar.nextYear'),
    previousDecade: t('calendar.previousDecade'),
    nextDecade: t('calendar.nextDecade'),
    monthLevelControl: t('calendar.monthLevel'),
    yearLevelControl: t('calendar.yearLevel'),
  };
}
