// Calendar-day helpers for tasks: today in the user's time zone, overdue, the due groups of
// "my tasks", and month/day labels of the timeline in the user's language.
import i18n from '@/lib/i18n';
import { dayNumber, isoOfDay } from './gantt';

function locale(): string {
  return i18n.language === 'de' ? 'de-DE' : 'en-GB';
}

/** Today as `YYYY-MM-DD` in the user's time zone. */
export function todayIso(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function isOverdue(task: { due_date?: string | null; status: string }, today: string): boolean {
  return !!task.due_date && task.due_date < today && task.status !== 'DONE';
}

export type DueGroup = 'overdue' | 'thisWeek' | 'later' | 'noDate' | 'done';
export const DUE_GROUPS: DueGroup[] = ['overdue', 'thisWeek', 'later', 'noDate', 'done'];

/** Sunday of the week `today` is in (weeks run Monday to Sunday). */
export function endOfWeek(today: string): string {
  const day = dayNumber(today);
  const weekday = new Date(day * 86_400_000).getUTCDay();
  return isoOfDay(day + ((7 - weekday) % 7));
}

export function dueGroup(task: { due_date?: string | null; status: string }, today: string): DueGroup {
  if (task.status === 'DONE') return 'done';
  if (!task.due_date) return 'noDate';
  if (task.due_date < today) return 'overdue';
  if (task.due_date <= endOfWeek(today)) return 'thisWeek';
  return 'later';
}

/** Groups in display order, each sorted by due date; empty groups left out. */
export function groupByDue<T extends { due_date?: string | null; status: string }>(
  tasks: T[],
  today: string,
): { group: DueGroup; tasks: T[] }[] {
  const groups = new Map<DueGroup, T[]>();
  for (const task of tasks) {
    const group = dueGroup(task, today);
    groups.set(group, [...(groups.get(group) ?? []), task]);
  }
  return DUE_GROUPS.filter((g) => groups.has(g)).map((group) => ({
    group,
    tasks: (groups.get(group) ?? []).slice().sort((a, b) => (a.due_date ?? '9999').localeCompare(b.due_date ?? '9999')),
  }));
}

const formats = new Map<string, Intl.DateTimeFormat>();
function format(key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const id = `${locale()}|${key}`;
  let found = formats.get(id);
  if (!found) {
    found = new Intl.DateTimeFormat(locale(), { ...options, timeZone: 'UTC' });
    formats.set(id, found);
  }
  return found;
}

function utc(iso: string): Date {
  return new Date(dayNumber(iso) * 86_400_000);
}

/** `Mai 2027` / `May 2027`. */
export function formatMonth(iso: string): string {
  return format('month', { month: 'short', year: 'numeric' }).format(utc(iso));
}

/** `Mo., 3. Mai` / `Mon 3 May`. */
export function formatShortDay(iso: string): string {
  return format('day', { weekday: 'short', day: 'numeric', month: 'short' }).format(utc(iso));
}

/** The day of the month as the language writes it alone: `3.` / `3`. */
export function formatDayOfMonth(iso: string): string {
  return format('dayOfMonth', { day: 'numeric' }).format(utc(iso));
}

/** ISO 8601 week number. */
export function isoWeek(iso: string): number {
  const date = utc(iso);
  const day = (date.getUTCDay() + 6) % 7;
  date.setUTCDate(date.getUTCDate() - day + 3);
  const firstThursday = new Date(Date.UTC(date.getUTCFullYear(), 0, 4));
  return 1 + Math.round(((date.getTime() - firstThursday.getTime()) / 86_400_000 - 3 + ((firstThursday.getUTCDay() + 6) % 7)) / 7);
}
