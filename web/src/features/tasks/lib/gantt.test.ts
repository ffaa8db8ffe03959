import { describe, expect, test } from 'vitest';
import { arrowPath, dayNumber, hoursScale, isoOfDay, layoutGantt, workingDay, type Schedule, type ScheduledTask } from './gantt';

// 2027-03-01 is a Monday.
const MONDAY = '2027-03-01';

function task(id: string, es: number, ef: number, extra: Partial<ScheduledTask> = {}): ScheduledTask {
  return {
    id,
    title: `Task ${id}`,
    status: 'TODO',
    due_date: null,
    duration_hours: ef - es,
    earliest_start: MONDAY,
    earliest_finish: MONDAY,
    latest_start: MONDAY,
    latest_finish: MONDAY,
    earliest_start_hours: es,
    earliest_finish_hours: ef,
    latest_start_hours: es,
    latest_finish_hours: ef,
    slack_hours: 0,
    critical: true,
    cannot_make_it: false,
    ...extra,
  };
}

function schedule(tasks: ScheduledTask[], extra: Partial<Schedule> = {}): Schedule {
  return {
    start: MONDAY,
    hours_per_day: 8,
    project_finish: '2027-03-05',
    project_hours: 40,
    critical_path: [],
    cannot_make_it: [],
    tasks,
    dependencies: [],
    ...extra,
  };
}

const options = { dayWidth: 20, rowHeight: 30, today: MONDAY, showDone: false };

describe('working days as the server counts them', () => {
  test('skips weekends', () => {
    const monday = dayNumber(MONDAY);
    expect(isoOfDay(workingDay(monday, 0))).toBe('2027-03-01');
    expect(isoOfDay(workingDay(monday, 4))).toBe('2027-03-05'); // Friday
    expect(isoOfDay(workingDay(monday, 5))).toBe('2027-03-08'); // next Monday
    expect(isoOfDay(workingDay(monday, 12))).toBe('2027-03-17');
    // A start on Saturday moves to Monday.
    expect(isoOfDay(workingDay(dayNumber('2027-02-27'), 0))).toBe('2027-03-01');
    expect(isoOfDay(workingDay(dayNumber('2027-02-27'), 1))).toBe('2027-03-02');
  });

  test('dates survive the round trip without time-zone shifts', () => {
    expect(isoOfDay(dayNumber('2027-12-31'))).toBe('2027-12-31');
    expect(dayNumber('2027-03-02') - dayNumber('2027-03-01')).toBe(1);
  });
});

describe('hours to x', () => {
  const scale = hoursScale({ start: MONDAY, hours_per_day: 8 }, dayNumber(MONDAY), 20);

  test('a start is the left edge of its day plus the part already worked', () => {
    expect(scale.start(0)).toBe(0);
    expect(scale.start(4)).toBe(10);
    expect(scale.start(8)).toBe(20);
    // 40 h = five days: the sixth working day is the next Monday, 7 calendar days in.
    expect(scale.start(40)).toBe(140);
  });

  test('a finish on a full day is that day’s right edge, not the next day’s left edge', () => {
    expect(scale.finish(8)).toBe(20);
    expect(scale.finish(40)).toBe(100); // Friday's right edge, not after the weekend
    expect(scale.finish(44)).toBe(150); // Monday after the weekend, half done
    expect(scale.finish(0)).toBe(0);
  });

  test('other hours per day', () => {
    const long = hoursScale({ start: MONDAY, hours_per_day: 10 }, dayNumber(MONDAY), 20);
    expect(long.finish(15)).toBe(30);
  });
});

describe('layout', () => {
  test('bar widths, slack extensions, milestones and the critical flag', () => {
    const layout = layoutGantt(
      schedule([
        task('a', 0, 16),
        task('b', 16, 24, { critical: false, slack_hours: 16, latest_start_hours: 32, latest_finish_hours: 40 }),
        task('c', 24, 24, { critical: false }),
      ]),
      options,
    );
    const [a, b, c] = layout.bars;
    expect(a?.x1).toBe(0);
    expect(a?.x2).toBe(40);
    expect(a?.critical).toBe(true);
    expect(a?.slackX2).toBe(40);
    expect(b?.x1).toBe(40);
    expect(b?.x2).toBe(60);
    expect(b?.slackX2).toBe(100);
    expect(b?.critical).toBe(false);
    expect(c?.milestone).toBe(true);
    expect(c?.x1).toBe(c?.x2);
    expect(layout.bars.map((bar) => bar.y)).toEqual([0, 30, 60]);
    expect(layout.height).toBe(90);
  });

  test('the axis covers whole weeks, marks weekends, today and the finish', () => {
    const layout = layoutGantt(schedule([task('a', 0, 40)]), { ...options, today: '2027-03-03' });
    expect(layout.days[0]?.date).toBe(MONDAY);
    expect(layout.days.at(-1)?.date).toBe('2027-03-07'); // the Sunday after the finish
    expect(layout.width).toBe(7 * 20);
    expect(layout.days.filter((d) => d.weekend).map((d) => d.date)).toEqual(['2027-03-06', '2027-03-07']);
    expect(layout.todayX).toBe(40);
    expect(layout.finishX).toBe(100);
  });

  test('a weekend today just before a Monday start still gets its line', () => {
    const layout = layoutGantt(schedule([task('a', 0, 8)]), { ...options, today: '2027-02-27' });
    expect(layout.days[0]?.date).toBe('2027-02-27');
    expect(layout.todayX).toBe(0);
    expect(layout.bars[0]?.x1).toBe(40);
  });

  test('rows follow the earliest start; DONE tasks are hidden unless asked for', () => {
    const tasks = [task('late', 16, 24), task('done', 0, 0, { status: 'DONE' }), task('early', 0, 16)];
    const hidden = layoutGantt(schedule(tasks), options);
    expect(hidden.bars.map((b) => b.task.id)).toEqual(['early', 'late']);
    expect(hidden.hiddenDone).toBe(1);
    const shown = layoutGantt(schedule(tasks), { ...options, showDone: true });
    expect(shown.bars.map((b) => b.task.id)).toEqual(['done', 'early', 'late']);
    expect(shown.bars[0]?.critical).toBe(false);
  });

  test('arrows join finish to start; on the critical path they are critical', () => {
    const layout = layoutGantt(
      schedule(
        [task('a', 0, 16), task('b', 16, 24), task('c', 0, 8, { critical: false, slack_hours: 8 })],
        {
          dependencies: [
            { task_id: 'b', depends_on_id: 'a' },
            { task_id: 'b', depends_on_id: 'c' },
          ],
        },
      ),
      options,
    );
    const ab = layout.arrows.find((arrow) => arrow.from === 'a');
    const cb = layout.arrows.find((arrow) => arrow.from === 'c');
    expect(ab?.critical).toBe(true);
    expect(cb?.critical).toBe(false);
    expect(layout.bars.find((b) => b.task.id === 'b')?.predecessors).toEqual(['Task a', 'Task c']);
  });

  test('an arrow between touching bars goes around the rows', () => {
    const layout = layoutGantt(schedule([task('a', 0, 8), task('b', 8, 16)]), options);
    const [a, b] = layout.bars;
    if (!a || !b) throw new Error('bars missing');
    expect(arrowPath(a, b, 30)).toBe('M20 15H26V30H14V45H20');
    const far = { ...b, x1: 100 };
    expect(arrowPath(a, far, 30)).toBe('M20 15H26V45H100');
  });

  test('due dates on the axis get a marker at the end of their day', () => {
    const layout = layoutGantt(schedule([task('a', 0, 8, { due_date: '2027-03-02' }), task('b', 0, 8, { due_date: '2026-01-01' })]), options);
    expect(layout.bars.map((b) => b.dueX)).toEqual([40, null]);
  });
});
