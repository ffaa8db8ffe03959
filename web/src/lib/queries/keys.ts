// Query keys shared by all features, so that a mutation in one feature can invalidate what
// another shows (a BOM edit changes the project's summary, a task move changes a board).
export const keys = {
  projects: ['projects'] as const,
  projectList: (filters: object) => ['projects', 'list', filters] as const,
  project: (id: string) => ['projects', id] as const,
  /** Everything under one project: summary, BOM, permits, tasks, board, files, members… */
  inProject: (id: string, ...rest: unknown[]) => ['project', id, ...rest] as const,
  summary: (id: string) => ['project', id, 'summary'] as const,
  members: (id: string) => ['project', id, 'members'] as const,
  stages: (id: string) => ['project', id, 'stages'] as const,
  clients: ['clients'] as const,
  suppliers: ['suppliers'] as const,
  users: ['users'] as const,
  me: ['me'] as const,
  dashboard: ['dashboard'] as const,
};
