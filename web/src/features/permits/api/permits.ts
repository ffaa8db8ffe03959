// A project's permits: the filtered list (all pages: a project has dozens, not thousands),
// the summary line's counts, create, update, status moves and delete. Every write refreshes
// the permits and the project summary (the overview shows permit risks and costs).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, unwrap } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';
import { keys } from '@/lib/queries/keys';

export type Permit = components['schemas']['PermitOut'];
export type CreatePermit = components['schemas']['CreatePermit'];
export type UpdatePermit = components['schemas']['UpdatePermit'];

export interface PermitFilters {
  q: string;
  status: string[];
  permit_type: string[];
}

const PAGE = 200;
/** A safety stop: 25 pages of 200 is far more than any project's permits. */
const MAX_PAGES = 25;

export function usePermits(projectId: string, filters: PermitFilters) {
  return useQuery({
    queryKey: keys.inProject(projectId, 'permits', filters),
    queryFn: async () => {
      const items: Permit[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < MAX_PAGES; i += 1) {
        const page = await unwrap(
          api.GET('/api/v1/projects/{id}/permits', {
            params: {
              path: { id: projectId },
              query: {
                q: filters.q.trim() || undefined,
                status: filters.status.length ? filters.status.join(',') : undefined,
                permit_type: filters.permit_type.length ? filters.permit_type.join(',') : undefined,
                sort: 'name',
                limit: PAGE,
                cursor,
              },
            },
          }),
        );
        items.push(...page.items);
        if (!page.next_cursor) break;
        cursor = page.next_cursor;
      }
      return items;
    },
    placeholderData: keepPreviousData,
  });
}

function useRefresh(projectId: string) {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: keys.inProject(projectId, 'permits') }),
      client.invalidateQueries({ queryKey: keys.summary(projectId) }),
    ]);
}

export function useCreatePermit(projectId: string) {
  const refresh = useRefresh(projectId);
  return useMutation({
    mutationFn: (body: CreatePermit) =>
      unwrap(api.POST('/api/v1/projects/{id}/permits', { params: { path: { id: projectId } }, body })),
    onSuccess: refresh,
  });
}

export function useUpdatePermit(projectId: string) {
  const refresh = useRefresh(projectId);
  return useMutation({
    mutationFn: ({ permit, body }: { permit: Permit; body: UpdatePermit }) =>
      unwrap(
        api.PATCH('/api/v1/permits/{id}', {
          params: { path: { id: permit.id } },
          headers: ifMatch(permit.version),
          body,
        }),
      ),
    // A refused write (412: someone else changed it) also refreshes, so the next try sees
    // the current version.
    onSettled: refresh,
  });
}

export function useDeletePermit(projectId: string) {
  const refresh = useRefresh(projectId);
  return useMutation({
    mutationFn: (permit: Permit) =>
      unwrap(api.DELETE('/api/v1/permits/{id}', { params: { path: { id: permit.id } }, headers: ifMatch(permit.version) })),
    onSettled: refresh,
  });
}
