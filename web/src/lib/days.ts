// Calendar days as the API writes them (`2027-06-10`), counted without time-zone surprises,
// and the local calendar day of an instant in a given time zone.

/** The browser's time zone (`Europe/Berlin`). */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

function utc(day: string): number {
  const [y, m, d] = day.slice(0, 10).split('-').map(Number);
  return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1);
}

function iso(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** `2027-06-10` + 3 → `2027-06-13` (month and year ends included). */
export function addDays(day: string, days: number): string {
  return iso(utc(day) + days * 86_400_000);
}

/** Whole days from `from` to `to`: `2027-06-10` → `2027-06-13` is 3, backwards negative. */
export function daysBetween(from: string, to: string): number {
  return Math.round((utc(to) - utc(from)) / 86_400_000);
}

/** The calendar day an instant falls on in `timeZone`: `2027-06-01T22:30:00Z` is `2027-06-02` in Berlin. */
export function localDay(instant: string | Date, timeZone: string = browserTimeZone()): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(date);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** Today's calendar day in `timeZone`. */
export function today(timeZone: string = browserTimeZone(), now: Date = new Date()): string {
  return localDay(now, timeZone);
}
