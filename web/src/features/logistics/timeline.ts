// The day-by-day layout of the logistics timeline: which days it shows (build-up minus two
// days to dismantle plus two), what kind of day each is, and which transports fall on which
// local calendar day.
import { addDays, daysBetween, localDay } from '@/lib/days';

export type DayKind = 'buildUp' | 'show' | 'dismantle' | 'outside';

export interface TimelineDay {
  /** `YYYY-MM-DD` */
  date: string;
  kind: DayKind;
}

export interface ProductionDates {
  start_date: string;
  end_date: string;
  build_up_date?: string | null;
  dismantle_date?: string | null;
}

/** Days shown before build-up and after dismantling. */
export const MARGIN_DAYS = 2;
/** More days than this are not drawn (a transport beyond them is listed as “later”). */
export const MAX_DAYS = 120;

/**
 * Build-up runs from `build_up_date` up to the day before the show; the show from start to end
 * (a show day stays a show day even when build-up or dismantling is dated on it); dismantling
 * from the day after the show to `dismantle_date`.
 */
export function dayKind(date: string, project: ProductionDates): DayKind {
  if (date >= project.start_date && date <= project.end_date) return 'show';
  if (project.build_up_date && date >= project.build_up_date && date < project.start_date) return 'buildUp';
  if (project.dismantle_date && date > project.end_date && date <= project.dismantle_date) return 'dismantle';
  return 'outside';
}

/** The days of the timeline, first to last. */
export function timelineDays(project: ProductionDates, margin = MARGIN_DAYS): TimelineDay[] {
  const first = addDays(project.build_up_date ?? project.start_date, -margin);
  const lastDay = project.dismantle_date ?? project.end_date;
  const last = addDays(lastDay < project.end_date ? project.end_date : lastDay, margin);
  const count = Math.min(Math.max(daysBetween(first, last) + 1, 1), MAX_DAYS);
  return Array.from({ length: count }, (_, i) => {
    const date = addDays(first, i);
    return { date, kind: dayKind(date, project) };
  });
}

export interface Placed<T> {
  /** Per day of the timeline (every day has an entry), earliest first. */
  byDay: Map<string, T[]>;
  /** Scheduled before the first day shown. */
  before: T[];
  /** Scheduled after the last day shown. */
  after: T[];
  /** Without a date yet. */
  unscheduled: T[];
}

/** Puts each transport on the local calendar day (in `timeZone`) it is scheduled for. */
export function placeTransports<T extends { scheduled_at?: string | null }>(
  items: readonly T[],
  days: readonly TimelineDay[],
  timeZone: string,
): Placed<T> {
  const byDay = new Map<string, T[]>(days.map((d) => [d.date, []]));
  const placed: Placed<T> = { byDay, before: [], after: [], unscheduled: [] };
  const first = days[0]?.date ?? '';
  const sorted = [...items].sort((a, b) => time(a) - time(b));
  for (const item of sorted) {
    if (!item.scheduled_at) {
      placed.unscheduled.push(item);
      continue;
    }
    const day = localDay(item.scheduled_at, timeZone);
    const list = byDay.get(day);
    if (list) list.push(item);
    else if (day < first) placed.before.push(item);
    else placed.after.push(item);
  }
  return placed;
}

function time(item: { scheduled_at?: string | null }): number {
  return item.scheduled_at ? new Date(item.scheduled_at).getTime() : Number.POSITIVE_INFINITY;
}

/** `07:30` / `7:30 am`-style time of day of an instant in the locale and time zone. */
export function formatTimeOfDay(instant: string, locale: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone }).format(new Date(instant));
}

/** A timeline column's heading: `Mo., 7. Juni` / `Mon 7 Jun`. */
export function formatDayHeading(date: string, locale: string): { weekday: string; day: string } {
  const [y, m, d] = date.split('-').map(Number);
  const at = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
  return {
    weekday: new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(at),
    day: new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(at),
  };
}
