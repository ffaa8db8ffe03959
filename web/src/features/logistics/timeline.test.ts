import { describe, expect, test } from 'vitest';
import { dayKind, MAX_DAYS, placeTransports, timelineDays } from './timeline';

// Build-up 3 days before a 2-day show, dismantling 2 days after it.
const festival = {
  build_up_date: '2027-06-07',
  start_date: '2027-06-10',
  end_date: '2027-06-11',
  dismantle_date: '2027-06-13',
};

describe('the timeline days', () => {
  test('run from two days before build-up to two days after dismantling', () => {
    const days = timelineDays(festival);
    expect(days.map((d) => `${d.date.slice(5)} ${d.kind}`)).toEqual([
      '06-05 outside',
      '06-06 outside',
      '06-07 buildUp',
      '06-08 buildUp',
      '06-09 buildUp',
      '06-10 show',
      '06-11 show',
      '06-12 dismantle',
      '06-13 dismantle',
      '06-14 outside',
      '06-15 outside',
    ]);
  });

  test('without build-up and dismantle dates the show itself is framed', () => {
    const days = timelineDays({ start_date: '2027-12-31', end_date: '2027-12-31' });
    expect(days.map((d) => [d.date, d.kind])).toEqual([
      ['2027-12-29', 'outside'],
      ['2027-12-30', 'outside'],
      ['2027-12-31', 'show'],
      ['2028-01-01', 'outside'],
      ['2028-01-02', 'outside'],
    ]);
  });

  test('build-up dated on the first show day leaves it a show day', () => {
    const project = { build_up_date: '2027-06-10', start_date: '2027-06-10', end_date: '2027-06-10', dismantle_date: '2027-06-10' };
    expect(dayKind('2027-06-10', project)).toBe('show');
    expect(timelineDays(project).filter((d) => d.kind !== 'outside')).toEqual([{ date: '2027-06-10', kind: 'show' }]);
  });

  test('a months-long production is cut at the maximum', () => {
    const days = timelineDays({ start_date: '2027-01-01', end_date: '2027-12-31' });
    expect(days).toHaveLength(MAX_DAYS);
    expect(days[0]?.date).toBe('2026-12-30');
  });
});

describe('transports on their local day', () => {
  const days = timelineDays(festival);
  const transport = (id: string, scheduled_at: string | null) => ({ id, scheduled_at });

  test('grouped per day, earliest first, each day present', () => {
    const placed = placeTransports(
      [
        transport('late', '2027-06-08T15:00:00Z'),
        transport('early', '2027-06-08T05:00:00Z'),
        transport('show', '2027-06-10T10:00:00Z'),
      ],
      days,
      'UTC',
    );
    expect(placed.byDay.get('2027-06-08')?.map((t) => t.id)).toEqual(['early', 'late']);
    expect(placed.byDay.get('2027-06-10')?.map((t) => t.id)).toEqual(['show']);
    expect(placed.byDay.get('2027-06-05')).toEqual([]);
    expect(placed.byDay.size).toBe(days.length);
  });

  test('a late-evening UTC time is the next day in Berlin and the same day in New York', () => {
    const items = [transport('night', '2027-06-08T22:30:00Z')];
    expect(placeTransports(items, days, 'Europe/Berlin').byDay.get('2027-06-09')?.map((t) => t.id)).toEqual(['night']);
    expect(placeTransports(items, days, 'UTC').byDay.get('2027-06-08')?.map((t) => t.id)).toEqual(['night']);
    const early = [transport('dawn', '2027-06-09T02:00:00Z')];
    expect(placeTransports(early, days, 'America/New_York').byDay.get('2027-06-08')?.map((t) => t.id)).toEqual(['dawn']);
  });

  test('the time zone can move a transport off the timeline', () => {
    // 23:30 UTC on the last day shown is already the day after in Berlin.
    const items = [transport('edge', '2027-06-15T23:30:00Z'), transport('first', '2027-06-04T23:30:00Z')];
    const berlin = placeTransports(items, days, 'Europe/Berlin');
    expect(berlin.after.map((t) => t.id)).toEqual(['edge']);
    expect(berlin.byDay.get('2027-06-05')?.map((t) => t.id)).toEqual(['first']);
    const utc = placeTransports(items, days, 'UTC');
    expect(utc.byDay.get('2027-06-15')?.map((t) => t.id)).toEqual(['edge']);
    expect(utc.before.map((t) => t.id)).toEqual(['first']);
  });

  test('a daylight-saving night keeps transports on their local day', () => {
    const spring = timelineDays({ start_date: '2027-03-28', end_date: '2027-03-28' });
    // 00:30 UTC on 28 March 2027 is 01:30 CET, 23:30 UTC is 01:30 CEST on the 29th.
    const placed = placeTransports(
      [transport('a', '2027-03-28T00:30:00Z'), transport('b', '2027-03-28T23:30:00Z')],
      spring,
      'Europe/Berlin',
    );
    expect(placed.byDay.get('2027-03-28')?.map((t) => t.id)).toEqual(['a']);
    expect(placed.byDay.get('2027-03-29')?.map((t) => t.id)).toEqual(['b']);
  });

  test('outside the timeline and without a date', () => {
    const placed = placeTransports(
      [transport('none', null), transport('before', '2027-05-20T08:00:00Z'), transport('after', '2027-07-01T08:00:00Z')],
      days,
      'Europe/Berlin',
    );
    expect(placed.unscheduled.map((t) => t.id)).toEqual(['none']);
    expect(placed.before.map((t) => t.id)).toEqual(['before']);
    expect(placed.after.map((t) => t.id)).toEqual(['after']);
  });
});
