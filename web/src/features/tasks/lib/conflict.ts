// The server's 409 answers about dependencies carry a `code` and the tasks involved as
// `records` (crates/app/src/error.rs `Conflict`):
//   dependency_cycle         the tasks round the cycle a new dependency would close, in order
//   unfinished_predecessors  the tasks that keep a task from becoming DONE, with their status
// These helpers hand the screens those tasks by title.
import { ApiProblem } from '@/lib/api/problem';

export interface NamedTask {
  id: string;
  title: string;
  status?: string;
}

function recordsOf(error: unknown, code: string): NamedTask[] | null {
  if (!(error instanceof ApiProblem) || error.status !== 409 || error.code !== code) return null;
  const tasks = error.records.map((r) => ({ id: r.id, title: r.name ?? '', ...(r.status ? { status: r.status } : {}) }));
  return tasks.length > 0 ? tasks : null;
}

/** The tasks around the cycle a new dependency would close, in order (first = last), or null. */
export function cycleOf(error: unknown): NamedTask[] | null {
  return recordsOf(error, 'dependency_cycle');
}

/** The unfinished tasks that keep a task from becoming DONE, or null. */
export function blockersOf(error: unknown): NamedTask[] | null {
  return recordsOf(error, 'unfinished_predecessors');
}

/** Titles as the screen knows them now (the server's may be older). */
export function withTitles(tasks: NamedTask[], known: Map<string, string>): NamedTask[] {
  return tasks.map((t) => ({ ...t, title: known.get(t.id) ?? (t.title || t.id) }));
}
