import { describe, expect, test } from 'vitest';
import { moveLabel, nextTransportStatuses } from './status';

// The transport machine as GET /statuses answers it (crates/domain/src/status.rs).
const MACHINE: Record<string, string[]> = {
  PLANNED: ['SCHEDULED', 'CANCELLED'],
  SCHEDULED: ['IN_TRANSIT', 'DELIVERED', 'PLANNED', 'CANCELLED'],
  IN_TRANSIT: ['DELIVERED', 'SCHEDULED', 'CANCELLED'],
  DELIVERED: ['IN_TRANSIT'],
  CANCELLED: ['PLANNED'],
};
const at = '2027-06-01T07:00:00Z';
const next = (status: string, scheduled_at: string | null = at) =>
  nextTransportStatuses({ status, scheduled_at }, MACHINE[status] ?? []);

describe('the status moves a transport row offers', () => {
  test('a dated transport: exactly the server’s moves', () => {
    expect(next('PLANNED')).toEqual(['SCHEDULED', 'CANCELLED']);
    expect(next('SCHEDULED')).toEqual(['IN_TRANSIT', 'DELIVERED', 'PLANNED', 'CANCELLED']);
    expect(next('IN_TRANSIT')).toEqual(['DELIVERED', 'SCHEDULED', 'CANCELLED']);
    expect(next('DELIVERED')).toEqual(['IN_TRANSIT']);
    expect(next('CANCELLED')).toEqual(['PLANNED']);
  });

  test('without a date, scheduled and in transit are not offered (the server would refuse them)', () => {
    expect(next('PLANNED', null)).toEqual(['CANCELLED']);
    expect(next('DELIVERED', null)).toEqual([]);
    expect(next('CANCELLED', null)).toEqual(['PLANNED']);
  });

  test('a no-op move and an unknown status offer nothing', () => {
    expect(nextTransportStatuses({ status: 'PLANNED', scheduled_at: at }, ['PLANNED'])).toEqual([]);
    expect(next('LOST')).toEqual([]);
  });
});

describe('how a move is worded', () => {
  test('forward by its target, backwards as a step back', () => {
    expect(moveLabel('SCHEDULED', 'DELIVERED')).toEqual({ key: 'moves.DELIVERED' });
    expect(moveLabel('SCHEDULED', 'PLANNED')).toEqual({ key: 'moves.back', back: 'PLANNED' });
    expect(moveLabel('DELIVERED', 'IN_TRANSIT')).toEqual({ key: 'moves.back', back: 'IN_TRANSIT' });
  });

  test('cancelling and planning again', () => {
    expect(moveLabel('IN_TRANSIT', 'CANCELLED')).toEqual({ key: 'moves.CANCELLED' });
    expect(moveLabel('CANCELLED', 'PLANNED')).toEqual({ key: 'moves.PLANNED' });
  });
});
