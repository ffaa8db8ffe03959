// Why the server refused a card move, from its answer: a full column (WIP limit), a stale
// view of the board (the named neighbours moved, or the card changed: 412), or a linked task
// that may not take the column's status (its predecessors are open).
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
  const detail = error.detail ?? '';
  if (detail.includes('WIP limit')) return { kind: 'wip' };
  if (detail.includes('no longer') || detail.includes('refetch')) return { kind: 'stale' };
  if (detail.includes('depends on are not DONE')) {
    const tasks = [...detail.matchAll(/"(.*?)" \([0-9a-fA-F-]{36}, ([A-Z_]+)\)/g)].map((m) => ({
      title: m[1] ?? '',
      status: m[2] ?? '',
    }));
    return { kind: 'blocked', tasks };
  }
  return { kind: 'other' };
}
