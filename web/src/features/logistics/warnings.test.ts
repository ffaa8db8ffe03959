import { describe, expect, test } from 'vitest';
import { parseWarning } from './warnings';

describe('server warnings', () => {
  test('the production-window warning is recognised with its dates', () => {
    expect(
      parseWarning('scheduled on 2027-05-29, outside the production window 2027-06-01 – 2027-06-13 (build-up to dismantle)'),
    ).toEqual({ kind: 'outsideWindow', day: '2027-05-29', first: '2027-06-01', last: '2027-06-13' });
  });

  test('anything else stays as written', () => {
    expect(parseWarning('truck too heavy for the bridge')).toEqual({ kind: 'other', text: 'truck too heavy for the bridge' });
  });
});
