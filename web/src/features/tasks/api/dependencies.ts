// What a task depends on (finish-to-start): list, add (a cycle is a 409 naming it), remove;
// and the project's schedule computed from them.
import { useMutation, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import { taskKeys, useTasksChanged } from './tasks';

export function useDependencies(projectId: string, taskId: string) {
  return useQuery({
    queryKey: taskKeys.dependencies(projectId, taskId),
    queryFn: () => unwrap(api.GET('/api/v1/tasks/{id}/dependencies', { params: { path: { id: taskId } } })),
  });
}

export function useAddDependency(projectId: string, taskId: string) {
  const changed = useTasksChanged();
  return useMutation({
    mutationFn: (dependsOnId: string) =>
      unwrap(
        api.POST('/api/v1/tasks/{id}/dependencies', {
          params: { path: { id: taskId } },
          body: { depends_on_id: dependsOnId },
        }),
      ),
    onSuccess: () => changed(projectId),
  });
}

export function useRemoveDependency(projectId: string, taskId: string) {
  const changed = useTasksChanged();
  return useMutation({
    mutationFn: (dependsOnId: string) =>
      unwrap(
        api.DELETE('/api/v1/tasks/{id}/dependencies/{depends_on_id}', {
          params: { path: { id: taskId, depends_on_id: dependsOnId } },
        }),
      ),
    onSuccess: () => changed(projectId),
  });
}

export function useSchedule(projectId: string) {
  return useQuery({
    queryKey: taskKeys.schedule(projectId),
    queryFn: () => unwrap(api.GET('/api/v1/projects/{id}/schedule', { params: { path: { id: projectId } } })),
  });
}
