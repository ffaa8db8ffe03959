// Task statuses and priorities as the server knows them, with the moves it allows
// (crates/domain/src/status.rs), so that menus offer only moves that can succeed.
export const TASK_STATUSES = ['TODO', 'IN_PROGRESS', 'REVIEW', 'DONE', 'BLOCKED'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const PRIORITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type Priority = (typeof PRIORITIES)[number];

const MOVES: Record<TaskStatus, TaskStatus[]> = {
  TODO: ['IN_PROGRESS', 'REVIEW', 'DONE', 'BLOCKED'],
  IN_PROGRESS: ['TODO', 'REVIEW', 'DONE', 'BLOCKED'],
  REVIEW: ['IN_PROGRESS', 'DONE', 'TODO', 'BLOCKED'],
  DONE: ['REVIEW', 'IN_PROGRESS', 'TODO'],
  BLOCKED: ['TODO', 'IN_PROGRESS', 'REVIEW'],
};

/** The statuses a task in `status` may move to, in the order of the workflow. */
export function nextStatuses(status: string): TaskStatus[] {
  const allowed = MOVES[status as TaskStatus] ?? [];
  return TASK_STATUSES.filter((s) => allowed.includes(s));
}

/** Statuses a task can be given in a form: its own and those it may move to. */
export function statusChoices(status: string | undefined): TaskStatus[] {
  if (!status) return [...TASK_STATUSES];
  return TASK_STATUSES.filter((s) => s === status || nextStatuses(status).includes(s));
}

export const STATUS_COLORS: Record<string, string> = {
  TODO: 'gray',
  IN_PROGRESS: 'blue',
  REVIEW: 'yellow',
  DONE: 'green',
  BLOCKED: 'red',
};

export const PRIORITY_COLORS: Record<string, string> = {
  LOW: 'gray',
  MEDIUM: 'blue',
  HIGH: 'orange',
  CRITICAL: 'red.9',
};
