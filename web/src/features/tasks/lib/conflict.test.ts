import { describe, expect, test } from 'vitest';
import { ApiProblem } from '@/lib/api/problem';
import { blockersOf, cycleOf, withTitles } from './conflict';

const A = '01a20d76-ed1f-738e-868a-6815152dcba5';
const B = '01a20d76-ed24-73f0-ac60-a6bf0e91b75c';

function conflict(detail: string) {
  return new ApiProblem(409, { type: 'https://eventmgr.dev/problems/conflict', detail });
}

describe('409 answers about dependencies', () => {
  test('the cycle, in order, titles with quotes inside kept whole', () => {
    const quoted = cycleOf(conflict(`this dependency would close a cycle: "Stage "A"" (${A}) → "Test" (${B}) → "Stage "A"" (${A})`));
    expect(quoted?.map((t) => t.title)).toEqual(['Stage "A"', 'Test', 'Stage "A"']);
    const plain = cycleOf(conflict(`this dependency would close a cycle: "Build" (${A}) → "Test" (${B}) → "Build" (${A})`));
    expect(plain).toEqual([
      { id: A, title: 'Build' },
      { id: B, title: 'Test' },
      { id: A, title: 'Build' },
    ]);
    expect(withTitles(plain ?? [], new Map([[B, 'Test (renamed)']])).map((t) => t.title)).toEqual(['Build', 'Test (renamed)', 'Build']);
  });

  test('a title with the arrow in it still yields the ids in order', () => {
    const cycle = cycleOf(conflict(`this dependency would close a cycle: "Rig → fly" (${A}) → "B" (${B}) → "Rig → fly" (${A})`));
    expect(cycle?.map((t) => t.id)).toEqual([A, B, A]);
  });

  test('the blockers of a DONE', () => {
    const error = conflict(
      `the task cannot be DONE while tasks it depends on are not DONE: "Order PA" (${A}, TODO), "Rigging (main)" (${B}, IN_PROGRESS)`,
    );
    expect(blockersOf(error)).toEqual([
      { id: A, title: 'Order PA', status: 'TODO' },
      { id: B, title: 'Rigging (main)', status: 'IN_PROGRESS' },
    ]);
    expect(cycleOf(error)).toBeNull();
  });

  test('other errors are neither', () => {
    expect(cycleOf(new ApiProblem(412, {}))).toBeNull();
    expect(blockersOf(conflict('column "Doing" is at its WIP limit of 3'))).toBeNull();
    expect(cycleOf(new Error('x'))).toBeNull();
  });
});
