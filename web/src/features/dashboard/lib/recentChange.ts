// Where a recent change leads: the tab of the project that shows that kind of record, with
// the record in focus when the tab can focus it.
import type { RecentChange } from '../api/dashboard';

const TAB_OF: Record<string, string> = {
  bom_item: 'bom',
  permit: 'permits',
  transport: 'logistics',
  task: 'tasks',
  card: 'board',
  board: 'board',
  column: 'board',
  file: 'files',
  workflow_stage: '',
  project_member: 'members',
};

const FOCUSABLE = new Set(['permits', 'logistics', 'tasks']);

/** The app path for a change: the project, its tab, and `?focus=` where it applies. */
export function changeTarget(change: Pick<RecentChange, 'entity_type' | 'entity_id' | 'project_id' | 'action'>): string {
  const base = `/projects/${change.project_id}`;
  const tab = TAB_OF[change.entity_type];
  if (!tab) return base;
  const deleted = change.action.endsWith('.delete');
  const focus = !deleted && change.entity_id && FOCUSABLE.has(tab) ? `?focus=${change.entity_id}` : '';
  return `${base}/${tab}${focus}`;
}

/** The verb of an audit action (`bom_item.update` → `update`), for the feed's wording. */
export function changeVerb(action: string): string {
  const verb = action.slice(action.lastIndexOf('.') + 1);
  return ['create', 'update', 'delete', 'restore', 'transition', 'move', 'import', 'upload', 'add', 'remove'].includes(verb) ? verb : 'other';
}
