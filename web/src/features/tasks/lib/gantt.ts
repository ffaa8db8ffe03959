// The timeline's geometry from the server's schedule (critical path method, see
// crates/domain/src/schedule.rs). The axis is in calendar days; work happens on working days
// (Monday to Friday, `hours_per_day` each), so a position in working hours from the
// schedule's start becomes a working day plus the part of that day already worked.
// Weekends are drawn (shaded) but no bar grows on them except by spanning them.
import type { components } from '@/lib/api/schema';

export type Schedule = components['schemas']['ScheduleOut'];
export type ScheduledTask = components['schemas']['ScheduledTask'];

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` → days since 1970-01-01 (UTC, no time zone shifts). */
export function dayNumber(iso: string): number {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return Math.round(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / DAY_MS);
}

export function isoOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
function weekday(day: number): number {
  return new Date(day * DAY_MS).getUTCDay();
}

export function isWeekend(day: number): boolean {
  const w = weekday(day);
  return w === 0 || w === 6;
}

/** The `n`-th working day (0-based) on or after `start`, as the server counts them. */
export function workingDay(start: number, n: number): number {
  let day = start;
  while (isWeekend(day)) day += 1;
  day += Math.floor(n / 5) * 7;
  let left = n % 5;
  while (left > 0) {
    day += 1;
    if (!isWeekend(day)) left -= 1;
  }
  return day;
}

export interface GanttOptions {
  dayWidth: number;
  rowHeight: number;
  /** Today as `YYYY-MM-DD`; the today line is drawn when it falls on the axis. */
  today: string;
  /** DONE tasks take no time in the schedule; they are hidden unless asked for. */
  showDone: boolean;
}

export interface GanttDay {
  date: string;
  x: number;
  weekend: boolean;
  dayOfMonth: number;
  /** The first day of a month or of the axis: where a month label goes. */
  monthStart: boolean;
  monday: boolean;
}

export interface GanttBar {
  task: ScheduledTask;
  row: number;
  /** Top of the row. */
  y: number;
  x1: number;
  x2: number;
  /** End of the slack extension (= x2 without slack). */
  slackX2: number;
  /** Takes no time (not estimated, or DONE): drawn as a diamond at x1. */
  milestone: boolean;
  critical: boolean;
  done: boolean;
  /** The due date's x (end of that day) when it lies on the axis. */
  dueX: number | null;
  /** Titles of the predecessors (shown in the bar's description). */
  predecessors: string[];
}

export interface GanttArrow {
  from: string;
  to: string;
  critical: boolean;
  path: string;
}

export interface GanttLayout {
  days: GanttDay[];
  width: number;
  height: number;
  bars: GanttBar[];
  arrows: GanttArrow[];
  todayX: number | null;
  finishX: number;
  /** Tasks hidden because they are DONE. */
  hiddenDone: number;
}

/** Maps working hours from the schedule's start to x positions on a calendar-day axis. */
export function hoursScale(schedule: Pick<Schedule, 'start' | 'hours_per_day'>, axisStart: number, dayWidth: number) {
  const start = dayNumber(schedule.start);
  const perDay = Math.max(1, schedule.hours_per_day);
  const at = (day: number, fraction: number) => (workingDay(start, day) - axisStart + fraction) * dayWidth;
  return {
    /** Where work that begins `hours` in starts. */
    start(hours: number): number {
      const day = Math.floor(hours / perDay);
      return at(day, (hours - day * perDay) / perDay);
    },
    /** Where work that is done `hours` in ends (a full day ends at that day's right edge). */
    finish(hours: number): number {
      if (hours <= 0) return at(0, 0);
      const day = Math.ceil(hours / perDay) - 1;
      return at(day, (hours - day * perDay) / perDay);
    },
  };
}

function byStart(a: ScheduledTask, b: ScheduledTask): number {
  return (
    a.earliest_start_hours - b.earliest_start_hours ||
    a.earliest_finish_hours - b.earliest_finish_hours ||
    Number(b.critical) - Number(a.critical) ||
    a.title.localeCompare(b.title)
  );
}

export function layoutGantt(schedule: Schedule, options: GanttOptions): GanttLayout {
  const { dayWidth, rowHeight } = options;
  const today = dayNumber(options.today);
  const scheduleStart = dayNumber(schedule.start);
  const shown = schedule.tasks.filter((t) => options.showDone || t.status !== 'DONE').sort(byStart);
  // The axis starts on the schedule's first day (or today, when that is a weekend just
  // before it) and ends on the Sunday after the last latest finish.
  const axisStart = today < scheduleStart && scheduleStart - today <= 7 ? today : scheduleStart;
  let last = dayNumber(schedule.project_finish);
  for (const t of shown) last = Math.max(last, dayNumber(t.latest_finish), dayNumber(t.earliest_finish));
  while (weekday(last) !== 0) last += 1;
  const dayCount = last - axisStart + 1;
  const days: GanttDay[] = Array.from({ length: dayCount }, (_, i) => {
    const day = axisStart + i;
    const date = isoOfDay(day);
    const dayOfMonth = Number(date.slice(8, 10));
    return {
      date,
      x: i * dayWidth,
      weekend: isWeekend(day),
      dayOfMonth,
      monthStart: i === 0 || dayOfMonth === 1,
      monday: weekday(day) === 1,
    };
  });
  const scale = hoursScale(schedule, axisStart, dayWidth);
  const titles = new Map(schedule.tasks.map((t) => [t.id, t.title]));
  const predecessors = new Map<string, string[]>();
  for (const edge of schedule.dependencies) {
    const list = predecessors.get(edge.task_id) ?? [];
    list.push(titles.get(edge.depends_on_id) ?? '');
    predecessors.set(edge.task_id, list);
  }
  const bars: GanttBar[] = shown.map((task, row) => {
    const x1 = scale.start(task.earliest_start_hours);
    const milestone = task.earliest_finish_hours <= task.earliest_start_hours;
    const x2 = milestone ? x1 : scale.finish(task.earliest_finish_hours);
    const slackX2 = task.slack_hours > 0 && !milestone ? scale.finish(task.latest_finish_hours) : x2;
    const due = task.due_date ? dayNumber(task.due_date) : null;
    return {
      task,
      row,
      y: row * rowHeight,
      x1,
      x2,
      slackX2: Math.max(x2, slackX2),
      milestone,
      critical: task.critical && task.status !== 'DONE',
      done: task.status === 'DONE',
      dueX: due !== null && due >= axisStart && due <= last ? (due - axisStart + 1) * dayWidth : null,
      predecessors: (predecessors.get(task.id) ?? []).filter(Boolean),
    };
  });
  const barOf = new Map(bars.map((b) => [b.task.id, b]));
  const arrows: GanttArrow[] = [];
  for (const edge of schedule.dependencies) {
    const from = barOf.get(edge.depends_on_id);
    const to = barOf.get(edge.task_id);
    if (!from || !to) continue;
    arrows.push({
      from: edge.depends_on_id,
      to: edge.task_id,
      critical:
        from.critical &&
        to.critical &&
        Math.abs(from.task.earliest_finish_hours - to.task.earliest_start_hours) < 1e-6,
      path: arrowPath(from, to, rowHeight),
    });
  }
  const todayX = today >= axisStart && today <= last ? (today - axisStart) * dayWidth : null;
  return {
    days,
    width: dayCount * dayWidth,
    height: bars.length * rowHeight,
    bars,
    arrows,
    todayX,
    finishX: scale.finish(schedule.project_hours),
    hiddenDone: schedule.tasks.length - shown.length,
  };
}

/** An elbow from the end of `from` to the start of `to`, around the rows when they touch. */
export function arrowPath(from: GanttBar, to: GanttBar, rowHeight: number): string {
  const gap = 6;
  const sx = from.x2;
  const sy = from.y + rowHeight / 2;
  const tx = to.x1;
  const ty = to.y + rowHeight / 2;
  const r = (n: number) => Math.round(n * 10) / 10;
  if (tx - sx >= 2 * gap) return `M${r(sx)} ${r(sy)}H${r(sx + gap)}V${r(ty)}H${r(tx)}`;
  const between = ty > sy ? to.y : to.y + rowHeight;
  return `M${r(sx)} ${r(sy)}H${r(sx + gap)}V${r(between)}H${r(tx - gap)}V${r(ty)}H${r(tx)}`;
}
