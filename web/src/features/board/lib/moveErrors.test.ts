import { describe, expect, test } from 'vitest';
import { ApiProblem } from '@/lib/api/problem';
import { classifyMoveError } from './moveErrors';

const ID = '01a20d76-ed1f-738e-868a-6815152dcba5';

describe('why a move was refused', () => {
  test('statuses the board explains without a code', () => {
    expect(classifyMoveError(new ApiProblem(412, {}))).toEqual({ kind: 'stale' });
    expect(classifyMoveError(new ApiProblem(404, {}))).toEqual({ kind: 'stale' });
    expect(classifyMoveError(new ApiProblem(403, {}))).toEqual({ kind: 'forbidden' });
    expect(classifyMoveError(new ApiProblem(409, { detail: 'a 409 of a rule the board does not know' }))).toEqual({ kind: 'other' });
    expect(classifyMoveError(new Error('x'))).toEqual({ kind: 'other' });
  });

  test('the 409’s code and records', () => {
    const coded = (code: string, records: object[] = []) => new ApiProblem(409, { detail: 'anything', code, records });
    expect(classifyMoveError(coded('wip_limit', [{ id: ID, name: 'Doing' }]))).toEqual({ kind: 'wip' });
    expect(classifyMoveError(coded('stale_neighbours', [{ id: ID }]))).toEqual({ kind: 'stale' });
    expect(
      classifyMoveError(
        coded('unfinished_predecessors', [
          { id: ID, name: 'Order PA', status: 'TODO' },
          { id: ID, name: 'Book "the" crane', status: 'IN_PROGRESS' },
        ]),
      ),
    ).toEqual({
      kind: 'blocked',
      tasks: [
        { title: 'Order PA', status: 'TODO' },
        { title: 'Book "the" crane', status: 'IN_PROGRESS' },
      ],
    });
  });
});
