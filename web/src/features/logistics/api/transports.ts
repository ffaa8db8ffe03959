// A project's transports: the filtered list (all pages: the timeline needs every transport of
// the production), create, update, status moves and delete. Every write refreshes the
// transports and the project summary (the overview shows the next transports and costs).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, unwrap } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';
import { keys } from '@/lib/queries/keys';
import type { Transport } from '@/lib/queries/types';

export type { Transport };
export type CreateTransport = components['schemas']['CreateTransport'];
export type UpdateTransport = components['schemas']['UpdateTransport'];

export interface TransportFilters {
  q: string;
  status: string[];
  logistics_type: string[];
}

const PAGE = 200;
/** A safety stop: 25 pages of 200 is far more than any production's transports. */
const MAX_PAGES = 25;

export function useTransports(projectId: string, filters: TransportFilters) {
  return useQuery({
    queryKey: keys.inProject(projectId, 'logistics', filters),
    queryFn: async () => {
      const items: Transport[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < MAX_PAGES; i += 1) {
        const page = await unwrap(
          api.GET('/api/v1/projects/{id}/logistics', {
            params: {
              path: { id: projectId },
              query: {
                q: filters.q.trim() || undefined,
                status: filters.status.length ? filters.status.join(',') : undefined,
                logistics_type: filters.logistics_type.length ? filters.logistics_type.join(',') : undefined,
                sort: 'scheduled_at',
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
      client.invalidateQueries({ queryKey: keys.inProject(projectId, 'logistics') }),
      client.invalidateQueries({ queryKey: keys.summary(projectId) }),
    ]);
}

export function useCreateTransport(projectId: string) {
  const refresh = useRefresh(projectId);
  return useMutation({
    mutationFn: (body: CreateTransport) =>
      unwrap(api.POST('/api/v1/projects/{id}/logistics', { params: { path: { id: projectId } }, body })),
    onSuccess: refresh,
  });
}

export function useUpdateTransport(projectId: string) {
  const refresh = useRefresh(projectId);
  return useMutation({
    mutationFn: ({ transport, body }: { transport: Transport; body: UpdateTransport }) =>
      unwrap(
        api.PATCH('/api/v1/logistics/{id}', {
          params: { path: { id: transport.id } },
          headers: ifMatch(transport.version),
          body,
        }),
      ),
    // A refused write (412: someone else changed it) also refreshes, so the next try sees
    // the current version.
    onSettled: refresh,
  });
}

export function useDeleteTransport(projectId: string) {
  const refresh = useRefresh(projectId);
  return useMutation({
    mutationFn: (transport: Transport) =>
      unwrap(
        api.DELETE('/api/v1/logistics/{id}', { params: { path: { id: transport.id } }, headers: ifMatch(transport.version) }),
      ),
    onSettled: refresh,
  });
}
