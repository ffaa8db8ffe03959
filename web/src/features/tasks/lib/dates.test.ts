import { describe, expect, test } from 'vitest';
import { dueGroup, endOfWeek, groupByDue, isOverdue, isoWeek, todayIso } from './dates';

describe('due groups of my tasks', () => {
  // 2027-03-03 is a Wednesday.
  const today = '2027-03-03';

  test('the week ends on Sunday', () => {
    expect(endOfWeek(today)).toBe('2027-03-07');
    expect(endOfWeek('2027-03-07')).toBe('2027-03-07');
    expect(endOfWeek('2027-03-01')).toBe('2027-03-07');
  });

  test('each task lands in one group', () => {
    expect(dueGroup({ due_date: '2027-03-02', status: 'TODO' }, today)).toBe('overdue');
    expect(dueGroup({ due_date: '2027-03-03', status: 'TODO' }, today)).toBe('thisWeek');
    expect(dueGroup({ due_date: '2027-03-07', status: 'REVIEW' }, today)).toBe('thisWeek');
    expect(dueGroup({ due_date: '2027-03-08', status: 'TODO' }, today)).toBe('later');
    expect(dueGroup({ due_date: null, status: 'TODO' }, today)).toBe('noDate');
    expect(dueGroup({ due_date: '2027-03-01', status: 'DONE' }, today)).toBe('done');
    expect(isOverdue({ due_date: '2027-03-01', status: 'DONE' }, today)).toBe(false);
  });

  test('groups come in order, sorted by date, empty ones left out', () => {
    const groups = groupByDue(
      [
        { id: 1, due_date: null, status: 'TODO' },
        { id: 2, due_date: '2027-03-20', status: 'TODO' },
        { id: 3, due_date: '2027-03-01', status: 'TODO' },
        { id: 4, due_date: '2027-03-10', status: 'TODO' },
      ],
      today,
    );
    expect(groups.map((g) => [g.group, g.tasks.map((t) => t.id)])).toEqual([
      ['overdue', [3]],
      ['later', [4, 2]],
      ['noDate', [1]],
    ]);
  });

  test('today is the local calendar day; ISO weeks', () => {
    expect(todayIso(new Date(2027, 2, 3, 23, 30))).toBe('2027-03-03');
    expect(isoWeek('2027-01-04')).toBe(1);
    expect(isoWeek('2027-03-03')).toBe(9);
    expect(isoWeek('2026-12-31')).toBe(53);
  });
});
