import { describe, expect, test } from 'vitest';
import { permitMoves, stampedDates } from './status';

// The permit machine as GET /statuses answers it (crates/domain/src/status.rs).
const MACHINE: Record<string, string[]> = {
  PENDING: ['SUBMITTED'],
  SUBMITTED: ['APPROVED', 'REJECTED', 'NEEDS_INFO'],
  NEEDS_INFO: ['SUBMITTED'],
  APPROVED: [],
  REJECTED: [],
};
const moves = (status: string) => permitMoves(status, MACHINE[status] ?? []);

describe('the status moves a permit row offers', () => {
  test('exactly the server’s moves, in its order', () => {
    expect(moves('PENDING').map((m) => m.to)).toEqual(['SUBMITTED']);
    expect(moves('SUBMITTED').map((m) => m.to)).toEqual(['APPROVED', 'REJECTED', 'NEEDS_INFO']);
  });

  test('each worded by its target; back from a request for information is a resubmission', () => {
    expect(moves('PENDING')).toEqual([{ to: 'SUBMITTED', label: 'moves.SUBMITTED' }]);
    expect(moves('NEEDS_INFO')).toEqual([{ to: 'SUBMITTED', label: 'moves.RESUBMITTED' }]);
    expect(moves('SUBMITTED').map((m) => m.label)).toEqual(['moves.APPROVED', 'moves.REJECTED', 'moves.NEEDS_INFO']);
  });

  test('a decision is final: nothing to offer', () => {
    expect(moves('APPROVED')).toEqual([]);
    expect(moves('REJECTED')).toEqual([]);
  });

  test('a move to the same state (a no-op) or an unknown status offers nothing', () => {
    expect(permitMoves('PENDING', ['PENDING', 'SUBMITTED']).map((m) => m.to)).toEqual(['SUBMITTED']);
    expect(permitMoves('DONE', [])).toEqual([]);
  });
});

describe('the dates a status move stamps with the user’s own day', () => {
  const empty = { application_date: null, approval_date: null };

  test('submitting stamps the application date, approving the approval date', () => {
    expect(stampedDates(empty, 'SUBMITTED', '2026-11-25')).toEqual({ application_date: '2026-11-25' });
    expect(stampedDates({ application_date: '2026-11-20', approval_date: null }, 'APPROVED', '2026-11-25')).toEqual({
      approval_date: '2026-11-25',
    });
  });

  test('a date already there is kept, and other moves stamp nothing', () => {
    expect(stampedDates({ application_date: '2026-11-01', approval_date: null }, 'SUBMITTED', '2026-11-25')).toEqual({});
    expect(stampedDates({ application_date: '2026-11-01', approval_date: '2026-11-02' }, 'APPROVED', '2026-11-25')).toEqual({});
    expect(stampedDates(empty, 'REJECTED', '2026-11-25')).toEqual({});
    expect(stampedDates(empty, 'NEEDS_INFO', '2026-11-25')).toEqual({});
  });
});
