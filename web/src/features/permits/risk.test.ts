import { describe, expect, test } from 'vitest';
import { riskSentence } from './risk';

const project = { start_date: '2027-06-10', end_date: '2027-06-12' };

describe('risk sentences from the API risk code', () => {
  test('not approved: days left until the start', () => {
    expect(riskSentence({ risk_code: 'NOT_APPROVED' }, project, '2027-05-28')).toEqual({
      key: 'NOT_APPROVED',
      values: { count: 13 },
    });
    expect(riskSentence({ risk_code: 'NOT_APPROVED' }, project, '2027-06-10')?.key).toBe('NOT_APPROVED_today');
    expect(riskSentence({ risk_code: 'NOT_APPROVED' }, project, '2027-06-11')?.key).toBe('NOT_APPROVED_started');
  });

  test('expires early names both dates', () => {
    expect(riskSentence({ risk_code: 'EXPIRES_EARLY', expiry_date: '2027-06-11' }, project, '2027-05-01')).toEqual({
      key: 'EXPIRES_EARLY',
      values: { expiry: '2027-06-11', end: '2027-06-12' },
    });
  });

  test('rejected, none and unknown codes', () => {
    expect(riskSentence({ risk_code: 'REJECTED' }, project, '2027-05-01')?.key).toBe('REJECTED');
    expect(riskSentence({ risk_code: null }, project, '2027-05-01')).toBeNull();
    expect(riskSentence({ risk_code: 'SOMETHING_NEW' }, project, '2027-05-01')).toBeNull();
  });
});
