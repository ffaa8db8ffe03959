// Why the server refused a card move, from its answer: a full column (WIP limit), a stale
// view of the board (the named neighbours moved, or the card changed: 412), or a linked task
// that may not take the column's status (its predecessors are open). A 409 says which by its
// `code` (`wip_limit`, `stale_neighbours`, `unfinished_predecessors`, with the open tasks as
// `records`).
import { ApiProblem } from '@/lib/api/problem';

export type MoveProblem =
  | { kind: 'wip' }
  | { kind: 'stale' }
  | { kind: 'blocked'; tasks: { title: string; status: string }[] }
  | { kind: 'forbidden' }
  | { kind: 'other' };

export function classifyMoveError(error: unknown): MoveProblem {
  if (!(error instanceof ApiProblem)) return { kind: 'other' };
  if (error.status === 412 || error.status === 404) return { kind: 'stale' };
  if (error.status === 403) return { kind: 'forbidden' };
  if (error.status !== 409) return { kind: 'other' };
  switch (error.code) {
    case 'wip_limit':
      return { kind: 'wip' };
    case 'stale_neighbours':
      return { kind: 'stale' };
    case 'unfinished_predecessors':
      return { kind: 'blocked', tasks: error.records.map((r) => ({ title: r.name ?? '', status: r.status ?? '' })) };
  }
  return { kind: 'other' };
}
