// Tasks of a project: list with filters, all of them for pickers, create, update, delete;
// the project's stages; and "my tasks" across projects. Every write refreshes what shows
// tasks: the lists, the schedule, the board's cards and the project's summary.
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, unwrap } from '@/lib/api/client';
import { fetchAllPages, listQuery, usePagedQuery } from '@/lib/api/lists';
import type { components } from '@/lib/api/schema';
import { keys } from '@/lib/queries/keys';

export type Task = components['schemas']['TaskOut'];
export type CreateTask = components['schemas']['CreateTask'];
export type UpdateTask = components['schemas']['UpdateTask'];

export interface TaskFilters {
  q?: string;
  status?: string[];
  priority?: string[];
  assigned_to?: string;
  workflow_stage_id?: string;
  overdue?: boolean;
  sort?: string;
}

export const taskKeys = {
  all: (projectId: string) => keys.inProject(projectId, 'tasks'),
  list: (projectId: string, filters: TaskFilters) => keys.inProject(projectId, 'tasks', 'list', filters),
  everything: (projectId: string) => keys.inProject(projectId, 'tasks', 'all'),
  dependencies: (projectId: string, taskId: string) => keys.inProject(projectId, 'tasks', 'deps', taskId),
  schedule: (projectId: string) => keys.inProject(projectId, 'schedule'),
  mine: ['tasks', 'mine'] as const,
};

export function useTaskList(projectId: string, filters: TaskFilters) {
  return usePagedQuery(taskKeys.list(projectId, filters), (cursor) =>
    unwrap(
      api.GET('/api/v1/projects/{id}/tasks', {
        params: {
          path: { id: projectId },
          query: {
            q: filters.q || undefined,
            status: listQuery(filters.status),
            priority: listQuery(filters.priority),
            assigned_to: filters.assigned_to || undefined,
            workflow_stage_id: filters.workflow_stage_id || undefined,
            overdue: filters.overdue || undefined,
            sort: filters.sort || undefined,
            cursor,
            limit: 100,
          },
        },
      }),
    ),
  );
}

/** Every task of the project (titles for pickers and for naming tasks in messages). */
export function useAllTasks(projectId: string, enabled = true) {
  return useQuery({
    queryKey: taskKeys.everything(projectId),
    // A project has dozens to a few hundred tasks; pages of 200.
    queryFn: () =>
      fetchAllPages<Task>(
        (cursor) =>
          unwrap(api.GET('/api/v1/projects/{id}/tasks', { params: { path: { id: projectId }, query: { limit: 200, sort: 'title', cursor } } })),
        10,
      ),
    enabled,
  });
}

export function useStageList(projectId: string) {
  return useQuery({
    queryKey: keys.stages(projectId),
    queryFn: () => unwrap(api.GET('/api/v1/projects/{id}/workflow-stages', { params: { path: { id: projectId } } })),
  });
}

/** Refreshes everything that shows tasks of `projectId`. */
export function useTasksChanged() {
  const client = useQueryClient();
  return (projectId: string) => {
    void client.invalidateQueries({ queryKey: taskKeys.all(projectId) });
    void client.invalidateQueries({ queryKey: taskKeys.schedule(projectId) });
    void client.invalidateQueries({ queryKey: keys.summary(projectId) });
    void client.invalidateQueries({ queryKey: keys.inProject(projectId, 'board') });
    void client.invalidateQueries({ queryKey: taskKeys.mine });
  };
}

export function useCreateTask(projectId: string) {
  const changed = useTasksChanged();
  return useMutation({
    mutationFn: (input: CreateTask) =>
      unwrap(api.POST('/api/v1/projects/{id}/tasks', { params: { path: { id: projectId } }, body: input })),
    onSuccess: () => changed(projectId),
  });
}

/** A change of `task` as the caller saw it (`version`): a concurrent change is a 412. */
export function useUpdateTask() {
  const changed = useTasksChanged();
  return useMutation({
    mutationFn: ({ task, input }: { task: Pick<Task, 'id' | 'version' | 'project_id'>; input: UpdateTask }) =>
      unwrap(
        api.PATCH('/api/v1/tasks/{id}', {
          params: { path: { id: task.id } },
          headers: ifMatch(task.version),
          body: input,
        }),
      ),
    onSettled: (_data, _error, { task }) => changed(task.project_id),
  });
}

export function useDeleteTask() {
  const changed = useTasksChanged();
  return useMutation({
    mutationFn: (task: Pick<Task, 'id' | 'version' | 'project_id'>) =>
      unwrap(api.DELETE('/api/v1/tasks/{id}', { params: { path: { id: task.id } }, headers: ifMatch(task.version) })),
    onSuccess: (_data, task) => changed(task.project_id),
  });
}

/** Tasks assigned to the caller in every project they can see. */
export function useMyTasks(showDone: boolean) {
  return usePagedQuery([...taskKeys.mine, { showDone }], (cursor) =>
    unwrap(
      api.GET('/api/v1/tasks', {
        params: {
          query: {
            assigned_to: 'me',
            status: showDone ? undefined : 'TODO,IN_PROGRESS,REVIEW,BLOCKED',
            sort: 'due_date,-priority',
            limit: 200,
            cursor,
          },
        },
      }),
    ),
  );
}

/** Names of the projects the caller can see (my tasks shows which project a task is in). */
export function useProjectNames() {
  return useQuery({
    queryKey: [...keys.projects, 'names'],
    queryFn: () => unwrap(api.GET('/api/v1/projects', { params: { query: { limit: 200, sort: 'name' } } })),
    staleTime: 60_000,
    select: (data) => new Map(data.items.map((p) => [p.id, p.name])),
  });
}

/** Whether the caller may change tasks in each of `projectIds` (from each project's `my_access`). */
export function useWritableProjects(projectIds: string[]): Set<string> {
  return useQueries({
    queries: projectIds.map((id) => ({
      queryKey: keys.project(id),
      queryFn: () => unwrap(api.GET('/api/v1/projects/{id}', { params: { path: { id } } })),
      staleTime: 60_000,
    })),
    combine: (results) => new Set(results.flatMap((r) => (r.data?.my_access?.write ? [r.data.id] : []))),
  });
}
