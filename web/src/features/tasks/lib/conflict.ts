// The server's 409 answers about dependencies name the tasks involved in their text:
//   this dependency would close a cycle: "A" (id) → "B" (id) → "A" (id)
//   the task cannot be DONE while tasks it depends on are not DONE: "A" (id, TODO), "B" (id, REVIEW)
// These helpers read the named tasks back out, so the screen can list them by title.
import { ApiProblem } from '@/lib/api/problem';

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

export interface NamedTask {
  id: string;
  title: string;
  status?: string;
}

function detailOf(error: unknown): string | null {
  if (!(error instanceof ApiProblem) || error.status !== 409 || !error.detail) return null;
  return error.detail;
}

/** The tasks around the cycle a new dependency would close, in order (first = last), or null. */
export function cycleOf(error: unknown): NamedTask[] | null {
  const detail = detailOf(error);
  if (!detail?.includes('cycle')) return null;
  const list = detail.slice(detail.indexOf(':') + 1).trim();
  const one = new RegExp(`^(?:"(.*)" \\((${UUID})\\)|(${UUID}))$`);
  const steps = list.split(' → ').map((part) => {
    const match = one.exec(part.trim());
    if (!match) return null;
    return match[2] ? { id: match[2], title: match[1] ?? '' } : { id: match[3] ?? '', title: '' };
  });
  if (steps.length > 1 && steps.every((s) => s !== null)) return steps as NamedTask[];
  // A title containing the arrow itself: fall back to the ids in order.
  const ids = [...detail.matchAll(new RegExp(UUID, 'g'))].map((m) => m[0]);
  return ids.length > 1 ? ids.map((id) => ({ id, title: '' })) : null;
}

/** The unfinished tasks that keep a task from becoming DONE, or null. */
export function blockersOf(error: unknown): NamedTask[] | null {
  const detail = detailOf(error);
  if (!detail?.includes('depends on are not DONE')) return null;
  const pattern = new RegExp(`"(.*?)" \\((${UUID}), ([A-Z_]+)\\)`, 'g');
  const found = [...detail.matchAll(pattern)].map((m) => ({ id: m[2] ?? '', title: m[1] ?? '', status: m[3] }));
  return found.length > 0 ? found : null;
}

/** Titles as the screen knows them now (the server's text may be older or cut). */
export function withTitles(tasks: NamedTask[], known: Map<string, string>): NamedTask[] {
  return tasks.map((t) => ({ ...t, title: known.get(t.id) ?? (t.title || t.id) }));
}
