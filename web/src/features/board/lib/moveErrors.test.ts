import { describe, expect, test } from 'vitest';
import { ApiProblem } from '@/lib/api/problem';
import { classifyMoveError } from './moveErrors';

const ID = '01a20d76-ed1f-738e-868a-6815152dcba5';
const conflict = (detail: string) => new ApiProblem(409, { detail });

describe('why a move was refused', () => {
  test('the server’s answers, in words the board can explain', () => {
    expect(classifyMoveError(conflict('column "Doing" is at its WIP limit of 3; a project manager may force the move'))).toEqual({ kind: 'wip' });
    expect(classifyMoveError(conflict(`after_id ${ID} and before_id ${ID} are no longer neighbours; refetch and retry`))).toEqual({ kind: 'stale' });
    expect(classifyMoveError(conflict(`after_id ${ID} is not (or no longer) in the target list; refetch and retry`))).toEqual({ kind: 'stale' });
    expect(classifyMoveError(new ApiProblem(412, {}))).toEqual({ kind: 'stale' });
    expect(
      classifyMoveError(conflict(`the task cannot be DONE while tasks it depends on are not DONE: "Order PA" (${ID}, TODO)`)),
    ).toEqual({ kind: 'blocked', tasks: [{ title: 'Order PA', status: 'TODO' }] });
    expect(classifyMoveError(new ApiProblem(403, {}))).toEqual({ kind: 'forbidden' });
    expect(classifyMoveError(new Error('x'))).toEqual({ kind: 'other' });
  });
});
