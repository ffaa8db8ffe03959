import { describe, expect, test } from 'vitest';
import { warningsOf } from './warnings';

describe('transport warnings', () => {
  test('the production-window warning, read from its code and dates', () => {
    expect(
      warningsOf({
        warnings: ['scheduled on 2027-05-29, outside the production window 2027-06-01 – 2027-06-13 (build-up to dismantle)'],
        warning_details: [{ code: 'OUTSIDE_WINDOW', day: '2027-05-29', window_start: '2027-06-01', window_end: '2027-06-13' }],
      }),
    ).toEqual([{ kind: 'outsideWindow', day: '2027-05-29', first: '2027-06-01', last: '2027-06-13' }]);
  });

  test('a code this client does not know keeps the server’s sentence', () => {
    expect(
      warningsOf({
        warnings: ['truck too heavy for the bridge'],
        warning_details: [{ code: 'TOO_HEAVY', day: null, window_start: null, window_end: null }],
      }),
    ).toEqual([{ kind: 'other', text: 'truck too heavy for the bridge' }]);
    expect(warningsOf({ warnings: [], warning_details: [] })).toEqual([]);
  });
});
