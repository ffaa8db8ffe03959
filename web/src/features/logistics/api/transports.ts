// A project's transports: the filtered list (all pages: the timeline needs every transport of
// the production), create, update, status moves and delete. Every write refreshes the
// transports and the project summary (the overview shows the next transports and costs).
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, ifMatch, unwrap } from '@/lib/api/client';
import { fetchAllPages, listQuery } from '@/lib/api/lists';
import type { components } from '@/lib/api/schema';
import { keys } from '@/lib/queries/keys';
import { useProjectWrite } from '@/lib/queries/refresh';
import type { Transport } from '@/lib/queries/types';

export type { Transport };
export type CreateTransport = components['schemas']['CreateTransport'];
export type UpdateTransport = components['schemas']['UpdateTransport'];

export interface TransportFilters {
  q: string;
  status: string[];
  logistics_type: string[];
}

export function useTransports(projectId: string, filters: TransportFilters) {
  return useQuery({
    queryKey: keys.inProject(projectId, 'logistics', filters),
    // All pages: the timeline needs every transport of the production.
    queryFn: () =>
      fetchAllPages<Transport>((cursor) =>
        unwrap(
          api.GET('/api/v1/projects/{id}/logistics', {
            params: {
              path: { id: projectId },
              query: {
                q: filters.q.trim() || undefined,
                status: listQuery(filters.status),
                logistics_type: listQuery(filters.logistics_type),
                sort: 'scheduled_at',
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

export function useCreateTransport(projectId: string) {
  return useProjectWrite(projectId, 'logistics', (body: CreateTransport) =>
    unwrap(api.POST('/api/v1/projects/{id}/logistics', { params: { path: { id: projectId } }, body })),
  );
}

export function useUpdateTransport(projectId: string) {
  return useProjectWrite(
    projectId,
    'logistics',
    ({ transport, body }: { transport: Transport; body: UpdateTransport }) =>
      unwrap(api.PATCH('/api/v1/logistics/{id}', { params: { path: { id: transport.id } }, headers: ifMatch(transport.version), body })),
    true,
  );
}

export function useDeleteTransport(projectId: string) {
  return useProjectWrite(
    projectId,
    'logistics',
    (transport: Transport) => unwrap(api.DELETE('/api/v1/logistics/{id}', { params: { path: { id: transport.id } }, headers: ifMatch(transport.version) })),
    true,
  );
}
