// A project's permits: the filtered list (all pages: a project has dozens, not thousands),
// the summary line's counts, create, update, status moves and delete. Every write refreshes
// the permits and the project summary (the overview shows permit risks and costs).
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, ifMatch, unwrap } from '@/lib/api/client';
import { fetchAllPages, listQuery } from '@/lib/api/lists';
import type { components } from '@/lib/api/schema';
import { keys } from '@/lib/queries/keys';
import { useProjectWrite } from '@/lib/queries/refresh';

export type Permit = components['schemas']['PermitOut'];
export type CreatePermit = components['schemas']['CreatePermit'];
export type UpdatePermit = components['schemas']['UpdatePermit'];

export interface PermitFilters {
  q: string;
  status: string[];
  permit_type: string[];
}

export function usePermits(projectId: string, filters: PermitFilters) {
  return useQuery({
    queryKey: keys.inProject(projectId, 'permits', filters),
    // All pages: a project has dozens of permits, not thousands.
    queryFn: () =>
      fetchAllPages<Permit>((cursor) =>
        unwrap(
          api.GET('/api/v1/projects/{id}/permits', {
            params: {
              path: { id: projectId },
              query: {
                q: filters.q.trim() || undefined,
                status: listQuery(filters.status),
                permit_type: listQuery(filters.permit_type),
                sort: 'name',
                limit: 200,
                cursor,
              },
            },
          }),
        ),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useCreatePermit(projectId: string) {
  return useProjectWrite(projectId, 'permits', (body: CreatePermit) =>
    unwrap(api.POST('/api/v1/projects/{id}/permits', { params: { path: { id: projectId } }, body })),
  );
}

export function useUpdatePermit(projectId: string) {
  return useProjectWrite(
    projectId,
    'permits',
    ({ permit, body }: { permit: Permit; body: UpdatePermit }) =>
      unwrap(api.PATCH('/api/v1/permits/{id}', { params: { path: { id: permit.id } }, headers: ifMatch(permit.version), body })),
    true,
  );
}

export function useDeletePermit(projectId: string) {
  return useProjectWrite(
    projectId,
    'permits',
    (permit: Permit) => unwrap(api.DELETE('/api/v1/permits/{id}', { params: { path: { id: permit.id } }, headers: ifMatch(permit.version) })),
    true,
  );
}
