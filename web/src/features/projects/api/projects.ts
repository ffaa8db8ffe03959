// Projects: list with filters, create, update, status transitions, trash and restore.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, unwrap } from '@/lib/api/client';
import { listQuery, usePagedQuery } from '@/lib/api/lists';
import type { components } from '@/lib/api/schema';
import { keys } from '@/lib/queries/keys';
import type { Project } from '@/lib/queries/types';

export type CreateProject = components['schemas']['CreateProject'];
export type UpdateProject = components['schemas']['UpdateProject'];

export interface ProjectFilters {
  q?: string;
  status?: string[];
  client_id?: string;
  sort?: string;
  deleted?: boolean;
}

export function useProjectList(filters: ProjectFilters) {
  return usePagedQuery(keys.projectList(filters), (cursor) =>
    unwrap(
      api.GET('/api/v1/projects', {
        params: {
          query: {
            q: filters.q || undefined,
            status: listQuery(filters.status),
            client_id: filters.client_id || undefined,
            sort: filters.sort || undefined,
            deleted: filters.deleted || undefined,
            cursor,
            limit: 50,
          },
        },
      }),
    ),
  );
}

export function useStages(id: string) {
  return useQuery({
    queryKey: keys.stages(id),
    queryFn: () =>
      unwrap(api.GET('/api/v1/projects/{id}/workflow-stages', { params: { path: { id } } })),
  });
}

export function useCreateProject() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateProject) => unwrap(api.POST('/api/v1/projects', { body: input })),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.projects }),
  });
}

/** Writes the project's new state into the cache and refreshes lists that show it. */
function useProjectWritten() {
  const client = useQueryClient();
  return (project: Project) => {
    client.setQueryData(keys.project(project.id), project);
    void client.invalidateQueries({ queryKey: [...keys.projects, 'list'] });
    void client.invalidateQueries({ queryKey: keys.inProject(project.id) });
  };
}

export function useUpdateProject(project: Project) {
  const written = useProjectWritten();
  return useMutation({
    mutationFn: (input: UpdateProject) =>
      unwrap(
        api.PATCH('/api/v1/projects/{id}', {
          params: { path: { id: project.id } },
          headers: ifMatch(project.version),
          body: input,
        }),
      ),
    onSuccess: written,
  });
}

export function useTransition(project: Project) {
  const written = useProjectWritten();
  return useMutation({
    mutationFn: (to: string) =>
      unwrap(
        api.POST('/api/v1/projects/{id}/transition', {
          params: { path: { id: project.id } },
          headers: ifMatch(project.version),
          body: { to },
        }),
      ),
    onSuccess: written,
  });
}

export function useTrashProject(project: Project) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      unwrap(
        api.DELETE('/api/v1/projects/{id}', { params: { path: { id: project.id } }, headers: ifMatch(project.version) }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.projects }),
  });
}

export function useRestoreProject() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/v1/projects/{id}/restore', { params: { path: { id } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.projects }),
  });
}
