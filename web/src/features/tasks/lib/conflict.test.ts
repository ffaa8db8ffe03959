import { describe, expect, test } from 'vitest';
import { ApiProblem } from '@/lib/api/problem';
import { blockersOf, cycleOf, withTitles } from './conflict';

const A = '01a20d76-ed1f-738e-868a-6815152dcba5';
const B = '01a20d76-ed24-73f0-ac60-a6bf0e91b75c';

function conflict(code: string, records: object[], detail = 'a sentence for people') {
  return new ApiProblem(409, { type: 'https://eventmgr.dev/problems/conflict', detail, code, records });
}

describe('409 answers about dependencies', () => {
  test('the cycle, in order, whatever the titles contain', () => {
    const cycle = cycleOf(
      conflict('dependency_cycle', [
        { id: A, name: 'Rig → "fly"' },
        { id: B, name: 'Test' },
        { id: A, name: 'Rig → "fly"' },
      ]),
    );
    expect(cycle).toEqual([
      { id: A, title: 'Rig → "fly"' },
      { id: B, title: 'Test' },
      { id: A, title: 'Rig → "fly"' },
    ]);
    expect(withTitles(cycle ?? [], new Map([[B, 'Test (renamed)']])).map((t) => t.title)).toEqual(['Rig → "fly"', 'Test (renamed)', 'Rig → "fly"']);
    // A task whose title the server could not name falls back to what the screen knows, then its id.
    expect(withTitles([{ id: B, title: '' }], new Map()).map((t) => t.title)).toEqual([B]);
  });

  test('the blockers of a DONE, with their status', () => {
    const error = conflict('unfinished_predecessors', [
      { id: A, name: 'Order PA', status: 'TODO' },
      { id: B, name: 'Rigging (main)', status: 'IN_PROGRESS' },
    ]);
    expect(blockersOf(error)).toEqual([
      { id: A, title: 'Order PA', status: 'TODO' },
      { id: B, title: 'Rigging (main)', status: 'IN_PROGRESS' },
    ]);
    expect(cycleOf(error)).toBeNull();
  });

  test('other errors are neither', () => {
    expect(cycleOf(new ApiProblem(412, {}))).toBeNull();
    expect(blockersOf(conflict('wip_limit', [{ id: A, name: 'Doing' }]))).toBeNull();
    expect(cycleOf(conflict('dependency_cycle', []))).toBeNull();
    expect(cycleOf(new Error('x'))).toBeNull();
  });
});
